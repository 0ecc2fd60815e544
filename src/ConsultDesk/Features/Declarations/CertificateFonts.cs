using PdfSharp.Fonts;

namespace ConsultDesk.Features.Declarations;

/// <summary>
/// PDFsharp's font source for the 宣言書: every family resolves to IPAGothic, read once from the assembly
/// (Resources/Fonts/ipag.ttf, IPA Font License v1.0), so a certificate never depends on a font installed on the
/// machine. Bold is simulated (IPAGothic has one weight).
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string Family = "IPAGothic";
    private const string FaceName = "IPAGothic#Regular";
    private const string ResourceName = "ConsultDesk.Fonts.ipag.ttf";

    private static readonly Lazy<byte[]> FontBytes = new(() =>
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing from the assembly.");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly Lock Gate = new();

    /// <summary>The one instance PDFsharp is given (its global setting must always get the same one).</summary>
    public static readonly CertificateFonts Instance = new();

    private CertificateFonts() { }

    /// <summary>Makes PDFsharp use this resolver; safe to call from every request and from several app hosts in one process.</summary>
    public static void Register()
    {
        if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) return;
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => FontBytes.Value;
}
