using Scalar.AspNetCore;

namespace ConsultDesk.Web.Hosting;

/// <summary>
/// The Scalar API reference at <c>/api/docs</c>, made to work offline and to show only what fits a desk's own API:
/// its script bundle comes from the Scalar.AspNetCore assembly (served by the app under <c>/api/docs/</c>), and
/// everything that would call out (fonts from Scalar's CDN, the Ask-AI agent, MCP, the hosted API client, the
/// localhost developer toolbar with its deploy and SDK buttons, telemetry) is switched off.
/// </summary>
public static class ApiReference
{
    public static void Configure(ScalarOptions scalar)
    {
        scalar.WithTitle("ConsultDesk API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()   // the page's own system fonts instead of fonts.scalar.com
            .HideClientButton()      // no "open in API client" (client.scalar.com)
            .DisableAgent()          // no Ask-AI chat
            .DisableMcp()
            .WithShowExtensions("x-enum-descriptions"); // the code lists' labels beside their values
        scalar.ShowDeveloperTools = DeveloperToolsVisibility.Never; // the toolbar with deploy, share and SDK buttons
        scalar.Telemetry = false;
    }
}
