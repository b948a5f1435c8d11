using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Framecast.Infrastructure.Data;

/// <summary>Enums stored as the same lowercase words the API uses, so SQL and JSON read alike.</summary>
public sealed class LowercaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => v.ToString().ToLowerInvariant(),
    v => Enum.Parse<TEnum>(v, true))
    where TEnum : struct, Enum;
