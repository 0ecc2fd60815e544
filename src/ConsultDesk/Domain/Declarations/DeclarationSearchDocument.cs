namespace ConsultDesk.Domain.Declarations;

/// <summary>
/// The searchable form of a listed declaration's accepted version, kept beside it like <see cref="CaseSearchDocument"/>:
/// bigram <see cref="Tokens"/> (FTS5 on SQLite, GIN on PostgreSQL) and the normalised <see cref="Text"/> for the exact
/// substring check, over the public name, its kana and each commitment's 取組内容. <see cref="Id"/> is the public number
/// (FTS5 wants an integer rowid), so a search hit is already the list's sort key.
/// </summary>
public sealed class DeclarationSearchDocument
{
    private DeclarationSearchDocument() { }

    public int Id { get; private set; }
    public Guid DeclarationId { get; private set; }
    public string Tokens { get; private set; } = "";
    public string Text { get; private set; } = "";

    public static DeclarationSearchDocument For(int number, Guid declarationId, DeclarationContent accepted)
    {
        var document = new DeclarationSearchDocument { Id = number, DeclarationId = declarationId };
        document.Update(accepted);
        return document;
    }

    /// <summary>Replaces the text with another accepted version's.</summary>
    public void Update(DeclarationContent accepted)
    {
        string?[] fields = [accepted.OrganizationName, accepted.OrganizationNameKana, .. accepted.Commitments.Select(c => c.Text)];
        Tokens = SearchText.Tokens(fields);
        Text = SearchText.Document(fields);
    }
}
