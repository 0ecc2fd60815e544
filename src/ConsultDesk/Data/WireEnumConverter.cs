using ConsultDesk.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConsultDesk.Data;

public sealed class WireEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => Wire.Name(value),
    name => Parse(name))
    where TEnum : struct, Enum
{
    private static TEnum Parse(string name) =>
        Wire.TryParse<TEnum>(name, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} value in the database.");
}
