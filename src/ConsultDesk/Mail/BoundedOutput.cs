using System.Text;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace ConsultDesk.Mail;

/// <summary>A template rendered (or a value it built) past <see cref="BoundedOutput.MaxLength"/> characters.</summary>
public sealed class TemplateOutputTooLargeException()
    : Exception($"The template output would exceed {BoundedOutput.MaxLength / 1024} K characters.");

/// <summary>
/// Keeps an admin's template from growing without bound. <c>MaxSteps</c> counts statements, not characters: a short
/// loop can still write megabytes, and a few filters can double a value at each step (<c>append</c> of itself,
/// <c>replace</c> with a longer text, <c>concat</c> of an array with itself). So rendering writes into a
/// <see cref="Writer"/> that refuses to grow past <see cref="MaxLength"/>, the filters that can grow a value check
/// their result against the same limit, and <c>{% capture %}</c> (which renders into a buffer of its own) is not
/// accepted in a template. The most any render allocates is then a small multiple of the limit.
/// </summary>
public static class BoundedOutput
{
    /// <summary>The most characters a rendered mail (subject and body) or any value built while rendering may have.</summary>
    public const int MaxLength = 256 * 1024;

    private static readonly string[] GrowingFilters = ["append", "prepend", "replace", "replace_first", "replace_last", "join", "concat"];

    /// <summary>Wraps the filters that can grow a value so that their result is checked against <see cref="MaxLength"/>.</summary>
    public static TemplateOptions Bound(TemplateOptions options)
    {
        foreach (var name in GrowingFilters)
        {
            if (!options.Filters.TryGetValue(name, out var inner)) continue;
            options.Filters.AddFilter(name, async (input, arguments, context) =>
            {
                var result = await inner(input, arguments, context);
                var size = result is ArrayValue array ? array.Values.Count : result.Type == FluidValues.String ? result.ToStringValue().Length : 0;
                if (size > MaxLength) throw new TemplateOutputTooLargeException();
                return result;
            });
        }
        return options;
    }

    /// <summary>Whether a template uses a tag that builds text outside the bounded writer (<c>capture</c>).</summary>
    public static bool UsesUnboundedTags(IFluidTemplate template)
    {
        var finder = new CaptureFinder();
        finder.VisitTemplate(template);
        return finder.Found;
    }

    private sealed class CaptureFinder : AstVisitor
    {
        public bool Found { get; private set; }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            Found = true;
            return base.VisitCaptureStatement(captureStatement);
        }
    }

    /// <summary>A string writer that throws <see cref="TemplateOutputTooLargeException"/> instead of growing past <see cref="MaxLength"/>.</summary>
    public sealed class Writer : TextWriter
    {
        private readonly StringBuilder text = new();

        public override Encoding Encoding => Encoding.Unicode;

        public override void Write(char value)
        {
            Reserve(1);
            text.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Reserve(count);
            text.Append(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Reserve(buffer.Length);
            text.Append(buffer);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            Reserve(value.Length);
            text.Append(value);
        }

        public override Task WriteAsync(char value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(string? value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(char[] buffer, int index, int count)
        {
            Write(buffer, index, count);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return Task.CompletedTask;
        }

        private void Reserve(int count)
        {
            if (text.Length + count > MaxLength) throw new TemplateOutputTooLargeException();
        }

        public override string ToString() => text.ToString();
    }
}
