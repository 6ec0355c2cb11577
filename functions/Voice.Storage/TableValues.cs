using Azure.Data.Tables;

namespace Voice.Storage;

/// <summary>Typed reads of optional Table entity properties.</summary>
internal static class TableValues
{
    public static string? OptionalString(this TableEntity entity, string key) =>
        entity.TryGetValue(key, out var value) ? value as string : null;

    public static string RequiredString(this TableEntity entity, string key) =>
        entity.OptionalString(key) ?? throw new InvalidDataException($"entity {entity.PartitionKey}/{entity.RowKey} has no {key}");

    public static DateTimeOffset? OptionalTime(this TableEntity entity, string key) => entity.GetDateTimeOffset(key);

    public static int? OptionalInt(this TableEntity entity, string key) => entity.GetInt32(key);

    public static bool Flag(this TableEntity entity, string key) => entity.GetBoolean(key) ?? false;
}
