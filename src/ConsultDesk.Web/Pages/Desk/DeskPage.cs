using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsultDesk.Web.Pages.Desk;

/// <summary>Runs a staff action and turns the use case's refusals into a message on the page, never an error page.</summary>
public abstract class DeskPage : PageModel
{
    [TempData] public string? Flash { get; set; }
    public string? Error { get; protected set; }
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors) FieldErrors.TryAdd(failure.PropertyName, failure.ErrorMessage);
            Error = Texts.FormErrorSummary + " " + string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
        }
        catch (PreconditionFailedException)
        {
            Error = Texts.CaseStale;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            Error = Texts.CaseStale;
        }
        catch (ConflictException ex)
        {
            Error = ex.Message;
        }
        catch (CaseRuleException ex)
        {
            Error = string.Format(Texts.CaseRuleBroken, ex.Code);
        }
        catch (ForbiddenException)
        {
            Error = Texts.ProblemForbidden;
        }
        return false;
    }
}
