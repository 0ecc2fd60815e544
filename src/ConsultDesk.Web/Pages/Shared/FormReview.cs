namespace ConsultDesk.Web.Pages.Shared;

/// <summary>One answer on a review page: the field's label and the value as the person will recognise it (null = not given).</summary>
public sealed record FormReviewRow(string Label, string? Value);

/// <summary>A group of answers under the heading the form uses for them.</summary>
public sealed record FormReviewSection(string Heading, IReadOnlyList<FormReviewRow> Rows);

/// <summary>
/// What the <c>_FormReview</c> partial shows: every answer, the form again as hidden fields (<see cref="HiddenFields"/>)
/// with the page's bot guard, and two buttons: back to the form with the values kept (handler <c>Edit</c>) and
/// send (handler <c>Send</c>). A page using it handles <c>OnPostEdit</c> and <c>OnPostSend</c>, and validates again on send.
/// </summary>
public sealed record FormReview(GuardedPublicFormModel Page, IReadOnlyList<FormReviewSection> Sections, IReadOnlyList<KeyValuePair<string, string>> Hidden);
