using ConsultDesk.Domain.Info;
using ConsultDesk.Resources;

namespace ConsultDesk.Web.Pages.Desk.Info;

/// <summary>The link checker's words on the desk pages (info: link checker).</summary>
public static class LinkLabels
{
    public static string State(LinkState state) => state switch
    {
        LinkState.Ok => Texts.InfoLinks_StateOk,
        LinkState.Redirected => Texts.InfoLinks_StateRedirected,
        LinkState.Broken => Texts.InfoLinks_StateBroken,
        _ => Texts.InfoLinks_StateUnchecked,
    };

    public static string Css(LinkState state) => "badge link-" + ConsultDesk.Domain.Wire.Name(state);

    public static string Checked(DateTime? at) => at is { } t ? ConsultDesk.Domain.Calendar.JapanTime.Format(t) : Texts.InfoLinks_Never;
}
