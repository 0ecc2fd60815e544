using System.Collections;
using System.Globalization;
using System.Reflection;

namespace ConsultDesk.Web.Pages.Shared;

/// <summary>
/// A form object as the hidden inputs that carry it through a review page (確認画面) and back: every public property
/// that is a string, a bool (only when true, like a ticked checkbox), a list of strings (repeated) or an array of
/// strings (indexed), a string-keyed map of strings (<c>Form.Texts[key]</c>), named as model binding reads them (<c>Form.Topics</c>, <c>Form.Slots[0]</c>). Whatever comes
/// back is bound and validated again on send: the review page is never trusted.
/// </summary>
public static class HiddenFields
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(object form, string prefix)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var property in form.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0) continue;
            var name = prefix + "." + property.Name;
            switch (property.GetValue(form))
            {
                case string text:
                    fields.Add(new(name, text));
                    break;
                case bool flag:
                    if (flag) fields.Add(new(name, "true"));
                    break;
                case string?[] array:
                    for (var i = 0; i < array.Length; i++)
                        if (array[i] is { } item) fields.Add(new(string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]"), item));
                    break;
                case IDictionary<string, string?> map:
                    foreach (var (key, item) in map)
                        if (item is not null) fields.Add(new($"{name}[{key}]", item));
                    break;
                case IEnumerable list and not string:
                    foreach (var item in list)
                        if (item is string value) fields.Add(new(name, value));
                    break;
            }
        }
        return fields;
    }
}
