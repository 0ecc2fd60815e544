namespace ConsultDesk.Domain.Declarations;

public enum DeclarationItemKind
{
    /// <summary>A 取組 item the declarant may choose (at least one), each with its 取組内容.</summary>
    Commitment,
    /// <summary>A statement every declarant must tick (趣旨への賛同, publication, 反社会的勢力 …).</summary>
    Agreement,
}

/// <summary>
/// One commitment item or required agreement of the Action宣言 form. Rows admins edit at /desk/admin/declaration-items;
/// a declaration stores item codes, so renaming an item changes how old declarations read, not what they chose.
/// Wording that is not the programme's own is marked <see cref="IsSample"/>.
/// </summary>
public sealed class DeclarationItem
{
    private DeclarationItem() { }

    public Guid Id { get; private set; }
    public DeclarationItemKind Kind { get; private set; }
    /// <summary>Stable code: "1" … for commitments (shown as 【1】), a slug for agreements.</summary>
    public string Code { get; private set; } = "";
    public string LabelJa { get; private set; } = "";
    public string LabelEn { get; private set; } = "";
    public string? DescriptionJa { get; private set; }
    public string? DescriptionEn { get; private set; }
    public bool IsSample { get; private set; }
    public int SortOrder { get; private set; }
    /// <summary>Inactive items are not offered on the form; declarations that chose them keep showing them.</summary>
    public bool Active { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public const int MaxCodeLength = 32;
    public const int MaxLabelLength = 200;
    public const int MaxDescriptionLength = 2_000;

    public string Label(bool english) => english && !string.IsNullOrWhiteSpace(LabelEn) ? LabelEn : LabelJa;
    public string? Description(bool english) => english && !string.IsNullOrWhiteSpace(DescriptionEn) ? DescriptionEn : DescriptionJa;

    /// <summary>【1】 for commitment items, nothing for agreements.</summary>
    public string Marker => Kind == DeclarationItemKind.Commitment ? $"【{Code}】" : "";

    public static DeclarationItem Create(DeclarationItemKind kind, string code, string labelJa, string labelEn, string? descriptionJa,
        string? descriptionEn, bool isSample, int sortOrder, DateTime nowUtc, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        Kind = kind,
        Code = code,
        LabelJa = labelJa,
        LabelEn = labelEn,
        DescriptionJa = descriptionJa,
        DescriptionEn = descriptionEn,
        IsSample = isSample,
        SortOrder = sortOrder,
        Active = true,
        UpdatedAt = nowUtc,
    };

    public void Update(string labelJa, string labelEn, string? descriptionJa, string? descriptionEn, bool isSample, int sortOrder, bool active, DateTime nowUtc)
    {
        LabelJa = labelJa;
        LabelEn = labelEn;
        DescriptionJa = descriptionJa;
        DescriptionEn = descriptionEn;
        IsSample = isSample;
        SortOrder = sortOrder;
        Active = active;
        UpdatedAt = nowUtc;
    }
}
