using System.Text;
using ConsultDesk.Common;
using ConsultDesk.Domain;
using ConsultDesk.Features.Attachments;
using ConsultDesk.Files;
using FluentValidation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsultDesk.UnitTests.Attachments;

public sealed class AttachmentIntakeTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("consultdesk-attach-").FullName;
    private readonly ConsultDeskOptions options;

    public AttachmentIntakeTests() => options = new ConsultDeskOptions { DataDirectory = dataDirectory };

    private AttachmentIntake Intake(out AttachmentStore store)
    {
        var wrapped = Options.Create(options);
        store = new AttachmentStore(wrapped);
        return new AttachmentIntake(store, new ClamAvScanner(wrapped), wrapped, NullLogger<AttachmentIntake>.Instance);
    }

    private static IncomingFile File(string name, byte[] bytes) => new(name, () => new MemoryStream(bytes));

    /// <summary>A stream that counts what was read from it, to show the intake never reads past its limit.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            if (BytesRead == 0 && n >= 5) "%PDF-"u8.CopyTo(buffer.AsSpan(offset));
            BytesRead += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Accepted_files_are_stored_once_by_their_sha256_under_the_data_directory()
    {
        var intake = Intake(out var store);
        var pdf = SampleFiles.Pdf("見積");

        using var prepared = await intake.PrepareAsync([File("見積書.pdf", pdf), File("copy.pdf", pdf), File("photo.png", SampleFiles.Png)], CancellationToken.None);
        using var database = new ConsultDesk.UnitTests.Mail.UnitTestDatabase();
        await using var db = database.NewContext();
        var rows = prepared.Store(db, Guid.NewGuid(), null, DateTime.UtcNow);

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        Assert.Equal(["見積書.pdf", "copy.pdf", "photo.png"], rows.Select(r => r.FileName));
        Assert.Equal(["application/pdf", "application/pdf", "image/png"], rows.Select(r => r.ContentType));
        Assert.Equal(sha, rows[0].Sha256);
        Assert.Equal(pdf.Length, rows[0].Size);
        Assert.Equal(ScanStatus.NotScanned, rows[0].ScanStatus);
        Assert.True(System.IO.File.Exists(Path.Combine(dataDirectory, "attachments", sha[..2], sha[2..4], sha)));
        // Deduplicated: two files in the store for three rows, and nothing left in the staging folder.
        var root = Path.Combine(dataDirectory, "attachments");
        Assert.Equal(2, Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count(f => !Path.GetRelativePath(root, f).StartsWith("tmp", StringComparison.Ordinal)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dataDirectory, "attachments", "tmp")));
        await using var stored = store.Open(sha)!;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(pdf, copy.ToArray());
    }

    [Fact]
    public async Task A_renamed_program_is_refused_by_its_content_whatever_its_name()
    {
        var intake = Intake(out _);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([File("invoice.pdf", SampleFiles.Exe)], CancellationToken.None));

        var failure = Assert.Single(refusal.Errors);
        Assert.Equal("Attachments", failure.PropertyName);
        Assert.Contains("invoice.pdf", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dataDirectory, "attachments"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_after_reading_one_byte_past_it()
    {
        options.Attachments.MaxFileBytes = 100_000;
        var intake = Intake(out _);
        var source = new CountingStream(5_000_000);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([new IncomingFile("big.pdf", () => source)], CancellationToken.None));

        Assert.Contains("big.pdf", Assert.Single(refusal.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(100_001, source.BytesRead);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dataDirectory, "attachments"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Files_over_the_message_total_or_count_are_refused()
    {
        options.Attachments.MaxFileBytes = 1000;
        options.Attachments.MaxMessageBytes = 1500;
        options.Attachments.MaxFilesPerMessage = 2;
        var intake = Intake(out _);
        var pdf = SampleFiles.Pdf(new string('x', 800));

        var total = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([File("a.pdf", pdf), File("b.pdf", pdf)], CancellationToken.None));
        var count = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([File("a.pdf", SampleFiles.Png), File("b.png", SampleFiles.Png), File("c.png", SampleFiles.Png)], CancellationToken.None));

        Assert.Equal("添付ファイルの合計が大きすぎます（1通 1.5 KB まで）。", Assert.Single(total.Errors).ErrorMessage);
        Assert.Equal("添付ファイルは1通 2 個までです。", Assert.Single(count.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Messages_are_in_English_for_an_English_request()
    {
        var intake = Intake(out _);
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        try
        {
            var refusal = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([File("tool.pdf", SampleFiles.Exe)], CancellationToken.None));
            Assert.StartsWith("\"tool.pdf\" is not a file type that can be attached.", Assert.Single(refusal.Errors).ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task With_a_scanner_an_infected_file_is_refused_and_a_clean_one_marked_clean()
    {
        await using var clamd = new FakeClamd();
        options.Attachments.ClamAv = clamd.Endpoint;
        var intake = Intake(out _);
        var infectedPdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%" + SampleFiles.Eicar + "\n%%EOF\n");

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([File("eicar.pdf", infectedPdf)], CancellationToken.None));
        using var clean = await intake.PrepareAsync([File("clean.pdf", SampleFiles.Pdf())], CancellationToken.None);

        Assert.Equal("「eicar.pdf」からウイルスが検出されたため、受け付けられません。", Assert.Single(refusal.Errors).ErrorMessage);
        Assert.Equal(ScanStatus.Clean, Assert.Single(clean.Files).ScanStatus);
        Assert.Equal(2, clamd.Scans);
    }

    [Fact]
    public async Task An_unreachable_scanner_refuses_uploads_and_keeps_mail_attachments_pending()
    {
        options.Attachments.ClamAv = FakeClamd.Unreachable();
        var intake = Intake(out _);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => intake.PrepareAsync([File("a.pdf", SampleFiles.Pdf())], CancellationToken.None));
        using var mail = await intake.PrepareFromMailAsync([File("a.pdf", SampleFiles.Pdf()), File("b.exe", SampleFiles.Exe)], CancellationToken.None);

        Assert.Contains("しばらくしてからもう一度お試しください", Assert.Single(refusal.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ScanStatus.Pending, Assert.Single(mail.Files).ScanStatus);
        Assert.Equal(new RefusedFile("b.exe", "type"), Assert.Single(mail.Refused));
    }

    [Theory]
    [InlineData("stream: OK", ScanVerdict.Clean)]
    [InlineData("stream: Eicar-Test-Signature FOUND", ScanVerdict.Infected)]
    [InlineData("INSTREAM size limit exceeded. ERROR", ScanVerdict.Unavailable)]
    [InlineData("", ScanVerdict.Unavailable)]
    public void Clamd_replies_are_read(string reply, ScanVerdict verdict) =>
        Assert.Equal(verdict, ClamAvScanner.Interpret(reply).Verdict);

    public void Dispose()
    {
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
