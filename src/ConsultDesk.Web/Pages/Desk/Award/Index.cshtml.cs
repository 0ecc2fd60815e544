using ConsultDesk.Features.Award;
using ConsultDesk.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ConsultDesk.Web.Pages.Desk.Award;

/// <summary>The award's rounds with their phase and entry counts, and (admins) the form that creates a round with the default categories and criteria.</summary>
[Authorize(Roles = ConsultDesk.Domain.Users.Roles.Manager + "," + ConsultDesk.Domain.Users.Roles.Admin)]
public sealed class IndexModel(ISender sender, TimeProvider clock) : AwardDeskPage
{
    public ListAwardRounds.Response Rounds { get; private set; } = new([]);

    [BindProperty] public RoundForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = RoundForm.Suggested(clock.GetUtcNow().UtcDateTime);
        Rounds = await sender.Send(new ListAwardRounds.Query(), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        AwardRoundModel? created = null;
        if (await TryAwardAsync(async () => created = await sender.Send(new CreateAwardRound.Command(Form.ToInput(withRows: false)), ct)))
        {
            Flash = Texts.AwardAdmin_Created;
            return Redirect($"/desk/award/{created!.Id}");
        }
        Rounds = await sender.Send(new ListAwardRounds.Query(), ct);
        return Page();
    }
}
