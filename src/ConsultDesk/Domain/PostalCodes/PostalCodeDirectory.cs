using System.IO.Compression;
using ConsultDesk.Domain.LocalGovernments;

namespace ConsultDesk.Domain.PostalCodes;

/// <summary>One place a postal code names: its prefecture and municipality (団体コード) and the town, which may be empty.</summary>
public sealed record PostalAddress(string PostalCode, string PrefectureCode, string MunicipalityCode, string Municipality, string Town);

/// <summary>
/// Japan Post's postal codes (KEN_ALL) shipped with the app as <c>jp-postal-codes.tsv.gz</c> (see SOURCE.md beside it).
/// The table is read once, on the first lookup, into sorted arrays (about 120,000 codes in a few MB); municipality
/// names come from the 団体コード master so a lookup fills the same name the municipality picker shows.
/// </summary>
public sealed class PostalCodeDirectory(LocalGovernmentDirectory governments)
{
    private readonly Lazy<Table> table = new(() => Table.Load(governments), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The places a postal code (any spelling <see cref="FormInput.PostalCode"/> accepts) names; empty when unknown.</summary>
    public IReadOnlyList<PostalAddress> Find(string? postalCode) =>
        FormInput.PostalCodeDigits(postalCode) is { } digits ? table.Value.Find(digits) : [];

    /// <summary>Number of 7- and 5-digit keys loaded (for tests and the startup log).</summary>
    public int Count => table.Value.Count;

    private sealed class Table
    {
        private readonly int[] keys;                // 7-digit codes, sorted, one per row (a code with several towns repeats)
        private readonly ushort[] municipalityOf;   // index into municipalities
        private readonly string[] towns;
        private readonly Dictionary<int, (ushort Municipality, string Town)> prefixes; // 5-digit keys
        private readonly (string Code, string Name)[] municipalities;

        private Table(int[] keys, ushort[] municipalityOf, string[] towns, Dictionary<int, (ushort, string)> prefixes, (string, string)[] municipalities)
        {
            this.keys = keys;
            this.municipalityOf = municipalityOf;
            this.towns = towns;
            this.prefixes = prefixes;
            this.municipalities = municipalities;
        }

        public int Count => keys.Length + prefixes.Count;

        public IReadOnlyList<PostalAddress> Find(string digits)
        {
            var key = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            var found = new List<PostalAddress>();
            if (prefixes.TryGetValue(key / 100, out var prefix)) found.Add(Address(digits, prefix.Municipality, prefix.Town));
            var at = Array.BinarySearch(keys, key);
            if (at >= 0)
            {
                while (at > 0 && keys[at - 1] == key) at--;
                for (; at < keys.Length && keys[at] == key; at++) found.Add(Address(digits, municipalityOf[at], towns[at]));
            }
            return found;
        }

        private PostalAddress Address(string digits, ushort municipality, string town)
        {
            var (code, name) = municipalities[municipality];
            return new PostalAddress(digits, code[..2], code, name, town);
        }

        public static Table Load(LocalGovernmentDirectory governments)
        {
            var assembly = typeof(PostalCodeDirectory).Assembly;
            var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("jp-postal-codes.tsv.gz", StringComparison.Ordinal));
            using var stream = new GZipStream(assembly.GetManifestResourceStream(resource)!, CompressionMode.Decompress);
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);

            var keys = new List<int>(125_000);
            var municipalityOf = new List<ushort>(125_000);
            var towns = new List<string>(125_000);
            var prefixes = new Dictionary<int, (ushort, string)>();
            var municipalityIndex = new Dictionary<string, ushort>(StringComparer.Ordinal);
            var municipalities = new List<(string, string)>();
            var townPool = new Dictionary<string, string>(StringComparer.Ordinal);

            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                var f = line.Split('\t');
                if (!municipalityIndex.TryGetValue(f[1], out var index))
                {
                    // The master's spelling (千代田区, 榛東村) when it knows the code; KEN_ALL's (with 郡) otherwise.
                    index = (ushort)municipalities.Count;
                    municipalities.Add((f[1], governments.Find(f[1])?.Name ?? f[2]));
                    municipalityIndex[f[1]] = index;
                }
                var town = f[3].Length == 0 ? "" : townPool.TryGetValue(f[3], out var pooled) ? pooled : townPool[f[3]] = f[3];
                var key = int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture);
                if (f[0].Length == 5) prefixes[key] = (index, town);
                else
                {
                    keys.Add(key);
                    municipalityOf.Add(index);
                    towns.Add(town);
                }
            }
            // The file is sorted as text; as numbers the order is the same because every key has seven digits.
            return new Table(keys.ToArray(), municipalityOf.ToArray(), towns.ToArray(), prefixes, municipalities.ToArray());
        }
    }
}
