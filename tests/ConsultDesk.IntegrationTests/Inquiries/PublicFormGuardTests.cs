using System.Reflection;
using ConsultDesk.Common;
using ConsultDesk.Web.Pages.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConsultDesk.IntegrationTests.Inquiries;

/// <summary>The public-form defences as one piece, for the inquiry form today and the declaration and award forms next.</summary>
public sealed class PublicFormGuardTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.Zero));
    private readonly PublicFormGuard guard;

    public PublicFormGuardTests() =>
        guard = new PublicFormGuard(new EphemeralDataProtectionProvider(), clock,
            Options.Create(new ConsultDeskOptions { Forms = { MinimumFillTime = TimeSpan.FromSeconds(3) } }));

    [Fact]
    public void A_person_who_took_the_minimum_fill_time_passes_and_a_quicker_post_does_not()
    {
        var stamp = guard.Issue();

        clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Equal(PublicFormGuard.Verdict.TooFast, guard.Check("", stamp));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(PublicFormGuard.Verdict.Person, guard.Check(null, stamp));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1733274000000")]
    [InlineData("not a stamp")]
    public void A_missing_or_forged_stamp_counts_as_too_fast(string? stamp)
    {
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(PublicFormGuard.Verdict.TooFast, guard.Check(null, stamp));
    }

    [Fact]
    public void A_filled_honeypot_is_a_bot_however_slow()
    {
        var stamp = guard.Issue();
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(PublicFormGuard.Verdict.Honeypot, guard.Check("https://spam.example", stamp));
    }

    [Fact]
    public void Every_guarded_public_form_names_its_rate_limit_policy()
    {
        var forms = typeof(PublicFormModel).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(GuardedPublicFormModel))).ToList();

        Assert.Contains(typeof(ConsultDesk.Web.Pages.Inquiries.NewModel), forms);
        Assert.All(forms, form => Assert.False(string.IsNullOrEmpty(form.GetCustomAttribute<PublicFormAttribute>()?.RateLimitPolicy), form.Name));
    }
}
