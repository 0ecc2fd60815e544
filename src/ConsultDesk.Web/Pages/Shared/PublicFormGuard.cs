using System.Globalization;
using ConsultDesk.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// The bot defences of a public form: a honeypot that people leave empty, and the time the form was shown, signed,
/// so a post sooner than <see cref="FormsOptions.MinimumFillTime"/> after it is refused.
/// </summary>
public sealed class PublicFormGuard(IDataProtectionProvider dataProtection, TimeProvider clock, IOptions<ConsultDeskOptions> options)
{
    public enum Verdict
    {
        Person,
        Honeypot,
        TooFast,
    }

    // The purpose the inquiry form has always used: stamps issued before an upgrade stay valid.
    private IDataProtector FormClock => dataProtection.CreateProtector("ConsultDesk.InquiryForm.IssuedAt");

    /// <summary>A signed stamp of now, for the form's hidden <c>IssuedAt</c> field.</summary>
    public string Issue() => FormClock.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public Verdict Check(string? honeypot, string? issuedAt) =>
        !string.IsNullOrEmpty(honeypot) ? Verdict.Honeypot : FilledSlowlyEnough(issuedAt) ? Verdict.Person : Verdict.TooFast;

    /// <summary>True when the stamp is one this app signed (whatever its age).</summary>
    public bool IsGenuineStamp(string? issuedAt)
    {
        try
        {
            return issuedAt is not null && long.TryParse(FormClock.Unprotect(issuedAt), CultureInfo.InvariantCulture, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private bool FilledSlowlyEnough(string? issuedAt)
    {
        try
        {
            if (issuedAt is null) return false;
            var shown = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(FormClock.Unprotect(issuedAt), CultureInfo.InvariantCulture));
            return clock.GetUtcNow() - shown >= options.Value.Forms.MinimumFillTime;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }
}
