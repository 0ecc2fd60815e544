using System.Globalization;
using ConsultDesk.Domain.Calendar;
using ConsultDesk.Domain.Declarations;
using ConsultDesk.Resources;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace ConsultDesk.Features.Declarations;

/// <summary>What a 宣言書 states: the accepted version's public facts only.</summary>
public sealed record CertificateContent(int Number, DateOnly AcceptedOn, string OrganizationName, string RepresentativeTitle,
    string RepresentativeName, IReadOnlyList<CertificateCommitment> Commitments, string PublicUrl, string Issuer);

/// <param name="Marker">【1】</param>
/// <param name="Label">The item's wording (採用の優位性の確保・社員の離職防止).</param>
/// <param name="Text">The declarant's 取組内容.</param>
public sealed record CertificateCommitment(string Marker, string Label, string Text);

/// <summary>
/// Draws the A4 宣言書 with PDFsharp: number, organisation, representative, the commitments (wrapped, on as many
/// pages as they need), the acceptance date in 和暦 and 西暦, the issuing office, and a QR code of the public page
/// with its URL, which is how anyone verifies the certificate. Text is Japanese in the embedded IPAGothic
/// (<see cref="CertificateFonts"/>), written as Unicode so it can be searched and copied.
/// </summary>
public static class CertificateDocument
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");
    private const double Margin = 56;           // ~20 mm
    private const double FrameInset = 28;       // the frame sits ~10 mm inside the paper edge
    private const double QrSize = 92;
    private static readonly XColor Ink = XColor.FromArgb(0x1a, 0x1a, 0x1a);
    private static readonly XColor Accent = XColor.FromArgb(0x0b, 0x5c, 0x6e);

    public static byte[] Render(CertificateContent content)
    {
        CertificateFonts.Register();
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var fonts = new Fonts(
            Title: new XFont(CertificateFonts.Family, 34, XFontStyleEx.Bold, options),
            Programme: new XFont(CertificateFonts.Family, 13, XFontStyleEx.Regular, options),
            Organization: new XFont(CertificateFonts.Family, 20, XFontStyleEx.Bold, options),
            Body: new XFont(CertificateFonts.Family, 11, XFontStyleEx.Regular, options),
            ItemLabel: new XFont(CertificateFonts.Family, 11, XFontStyleEx.Bold, options),
            Small: new XFont(CertificateFonts.Family, 8, XFontStyleEx.Regular, options));
        var number = Declaration.FormatNumber(content.Number);

        var document = new PdfDocument();
        document.Info.Title = $"{Text("CertificateHeading")} {number} {content.OrganizationName}";
        document.Info.Author = content.Issuer;
        document.Info.Subject = Text("CertificateProgramme");
        document.Info.Creator = "ConsultDesk";
        document.Language = "ja-JP";

        var writer = new PageWriter(document, fonts, number);
        var width = writer.ContentWidth;

        // Heading block.
        writer.Graphics.DrawString(number, fonts.Body, new XSolidBrush(Ink), new XRect(Margin, Margin, width, 14), XStringFormats.TopRight);
        writer.Y = Margin + 40;
        writer.Centered(Text("CertificateHeading"), fonts.Title, Accent, 44);
        writer.Centered(Text("CertificateProgramme"), fonts.Programme, Ink, 34);

        // Who declared.
        writer.Wrapped(content.OrganizationName, fonts.Organization, Ink, 0, centered: true);
        writer.Y += 4;
        var representative = $"{Text("CertificateRepresentative")}　{content.RepresentativeTitle}　{content.RepresentativeName}".Trim();
        writer.Wrapped(representative, fonts.Body, Ink, 0, centered: true);
        writer.Y += 18;
        writer.Wrapped(Text("CertificateStatement"), fonts.Body, Ink, 0);
        writer.Y += 10;

        // The commitments.
        writer.Rule();
        writer.Wrapped(Text("CertificateCommitments"), fonts.ItemLabel, Accent, 0);
        writer.Y += 4;
        foreach (var commitment in content.Commitments)
        {
            writer.KeepSpace(fonts.ItemLabel.Height * 2 + fonts.Body.Height * 2);
            writer.Wrapped($"{commitment.Marker}{commitment.Label}", fonts.ItemLabel, Ink, 0);
            writer.Wrapped(commitment.Text, fonts.Body, Ink, 14);
            writer.Y += 8;
        }
        writer.Rule();

        // Date, issuer and verification, kept together at the foot of the last page.
        var footHeight = QrSize + 56;
        writer.KeepSpace(footHeight + 10);
        var top = Math.Max(writer.Y + 10, writer.Bottom - footHeight);
        var textWidth = width - QrSize - 20;
        var g = writer.Graphics;
        var ink = new XSolidBrush(Ink);
        var accepted = $"{Text("CertificateAcceptedOn")}　{JapaneseEra.Format(content.AcceptedOn)}（{JapaneseEra.FormatWestern(content.AcceptedOn)}）";
        g.DrawString(accepted, fonts.Body, ink, new XRect(Margin, top + 8, textWidth, 16), XStringFormats.TopLeft);
        g.DrawString($"{Text("CertificateIssuedBy")}　{content.Issuer}", fonts.Body, ink, new XRect(Margin, top + 30, textWidth, 16), XStringFormats.TopLeft);
        var verifyY = top + 58;
        foreach (var line in Lines(g, Text("CertificateVerify"), fonts.Small, textWidth))
        {
            g.DrawString(line, fonts.Small, ink, new XRect(Margin, verifyY, textWidth, 10), XStringFormats.TopLeft);
            verifyY += fonts.Small.Height + 1;
        }

        var qrLeft = Margin + width - QrSize;
        using (var qr = XImage.FromStream(new MemoryStream(QrBitmap(content.PublicUrl))))
            g.DrawImage(qr, qrLeft, top, QrSize, QrSize);
        // The URL under the code, in as few lines as the column allows (a long base URL wraps rather than overflows).
        var urlY = top + QrSize + 4;
        foreach (var line in Lines(g, content.PublicUrl, fonts.Small, QrSize + 40))
        {
            g.DrawString(line, fonts.Small, ink, new XRect(qrLeft - 40, urlY, QrSize + 40, 10), XStringFormats.TopRight);
            urlY += fonts.Small.Height + 1;
        }

        writer.Finish();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>The QR code as a 24-bit BMP, which PDFsharp embeds as a plain RGB image.</summary>
    private static byte[] QrBitmap(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new BitmapByteQRCode(data).GetGraphic(4);
    }

    private static string Text(string name) => Texts.ResourceManager.GetString(name, Japanese) ?? name;

    /// <summary>
    /// Splits Japanese text into lines that fit <paramref name="width"/>, character by character (Japanese has no
    /// spaces to break at), keeping closing punctuation off the start of a line (禁則) and honouring line breaks.
    /// </summary>
    internal static IEnumerable<string> Lines(XGraphics graphics, string text, XFont font, double width)
    {
        // Character widths are the same in every certificate: measured once per process and font.
        double Measure(string element) => Widths.GetOrAdd((font.Size, font.Bold, element), key => graphics.MeasureString(key.Element, font).Width);

        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var elements = System.Globalization.StringInfo.GetTextElementEnumerator(paragraph);
            var line = new System.Text.StringBuilder();
            var lineWidth = 0.0;
            while (elements.MoveNext())
            {
                var element = (string)elements.Current;
                var w = Measure(element);
                if (line.Length > 0 && lineWidth + w > width && !NoLineStart.Contains(element))
                {
                    yield return line.ToString();
                    line.Clear();
                    lineWidth = 0;
                    if (element == " ") continue;
                }
                line.Append(element);
                lineWidth += w;
            }
            yield return line.ToString();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Size, bool Bold, string Element), double> Widths = new();

    private static readonly HashSet<string> NoLineStart = new(StringComparer.Ordinal)
    {
        "、", "。", "，", "．", ",", ".", "）", ")", "」", "』", "】", "〕", "ー", "ッ", "ャ", "ュ", "ョ", "っ", "ゃ", "ゅ", "ょ", "・", "：", "；", "！", "？", "!", "?",
    };

    private sealed record Fonts(XFont Title, XFont Programme, XFont Organization, XFont Body, XFont ItemLabel, XFont Small);

    /// <summary>Writes top to bottom, starting a new page (with the number and 「（続き）」) when the next line would not fit.</summary>
    private sealed class PageWriter
    {
        private readonly PdfDocument document;
        private readonly Fonts fonts;
        private readonly string number;
        private readonly List<PdfPage> pages = [];

        public PageWriter(PdfDocument document, Fonts fonts, string number)
        {
            this.document = document;
            this.fonts = fonts;
            this.number = number;
            NewPage();
        }

        public XGraphics Graphics { get; private set; } = null!;
        public double Y { get; set; }
        public double PageWidth { get; private set; }
        public double Bottom { get; private set; }
        public double ContentWidth => PageWidth - 2 * Margin;

        private void NewPage()
        {
            Graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            pages.Add(page);
            Graphics = XGraphics.FromPdfPage(page);
            PageWidth = page.Width.Point;
            Bottom = page.Height.Point - Margin - 14;
            var frame = new XRect(FrameInset, FrameInset, PageWidth - 2 * FrameInset, page.Height.Point - 2 * FrameInset);
            Graphics.DrawRectangle(new XPen(Accent, 2.2), frame);
            frame.Inflate(-5, -5);
            Graphics.DrawRectangle(new XPen(Accent, 0.6), frame);
            Y = Margin;
            if (pages.Count > 1)
            {
                Graphics.DrawString($"{number}{Text("CertificateContinued")}", fonts.Body, new XSolidBrush(Ink),
                    new XRect(Margin, Margin, ContentWidth, 14), XStringFormats.TopRight);
                Y = Margin + 28;
            }
        }

        public void KeepSpace(double height)
        {
            if (Y + height > Bottom) NewPage();
        }

        public void Centered(string text, XFont font, XColor color, double advance)
        {
            Graphics.DrawString(text, font, new XSolidBrush(color), new XRect(Margin, Y, ContentWidth, font.Height), XStringFormats.TopCenter);
            Y += advance;
        }

        public void Wrapped(string text, XFont font, XColor color, double indent, bool centered = false)
        {
            var brush = new XSolidBrush(color);
            var lineHeight = font.Height * 1.35;
            foreach (var line in Lines(Graphics, text, font, ContentWidth - indent).ToList())
            {
                KeepSpace(lineHeight);
                Graphics.DrawString(line, font, brush, new XRect(Margin + indent, Y, ContentWidth - indent, lineHeight),
                    centered ? XStringFormats.TopCenter : XStringFormats.TopLeft);
                Y += lineHeight;
            }
        }

        public void Rule()
        {
            KeepSpace(12);
            Graphics.DrawLine(new XPen(Accent, 0.5), Margin, Y + 4, Margin + ContentWidth, Y + 4);
            Y += 12;
        }

        /// <summary>Page numbers once the count is known.</summary>
        public void Finish()
        {
            Graphics.Dispose();
            if (pages.Count == 1) return;
            for (var i = 0; i < pages.Count; i++)
            {
                using var g = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawString($"{i + 1} / {pages.Count}", fonts.Small, new XSolidBrush(Ink),
                    new XRect(Margin, pages[i].Height.Point - Margin + 4, ContentWidth, 10), XStringFormats.TopCenter);
            }
        }
    }
}
