using System.Globalization;
using ConsultDesk.Domain;
using ConsultDesk.Domain.Award;
using ConsultDesk.Resources;

namespace ConsultDesk.Features.Award;

/// <summary>The words for the award's rules (409 details, page messages) in the request's language.</summary>
public static class AwardRules
{
    public static string Message(AwardRule rule) =>
        Texts.ResourceManager.GetString("AwardRule_" + rule, CultureInfo.CurrentUICulture) ?? Wire.Name(rule);
}
