using Framecast.Infrastructure.Http;

namespace Framecast.Features.Search;

public enum SearchType { Video, Channel, Live }

public enum SearchSort { Relevance, Date, Views }

public enum DurationFilter { Any, Short, Medium, Long }

public enum UploadedFilter { Any, Day, Week, Month, Year }

/// <summary>A checked search request: the text, what to look for, its filters and the page wanted.</summary>
public sealed record SearchQuery(string Text, SearchType Type, SearchSort Sort, DurationFilter Duration, UploadedFilter Uploaded, int Offset, int Limit)
{
    public const int MaxLength = 200;

    /// <summary>How deep a search pages, as every search engine caps it.</summary>
    public const int MaxOffset = 1000;

    /// <summary>A position in the ranked list: a relevance order has no stable key.</summary>
    public static readonly PositionCursor Cursor = new("search:", MaxOffset);

    /// <summary>YouTube's buckets: short under 4 minutes, long over 20.</summary>
    public const double ShortSeconds = 240, LongSeconds = 1200;

    /// <summary>The request's query string, checked; <c>errors</c> holds what is wrong (a 400 <c>validation.failed</c>).</summary>
    public static SearchQuery? Parse(string? q, string? type, string? sort, string? duration, string? uploaded, int? limit, string? cursor,
        Dictionary<string, string[]> errors)
    {
        var text = (q ?? "").Trim();
        if (text.Length > MaxLength)
        {
            errors["q"] = [$"Use at most {MaxLength} characters."];
        }
        var parsedType = Pick(type, "type", SearchType.Video, errors);
        var parsedSort = Pick(sort, "sort", SearchSort.Relevance, errors);
        var parsedDuration = Pick(duration, "duration", DurationFilter.Any, errors);
        var parsedUploaded = Pick(uploaded, "uploaded", UploadedFilter.Any, errors);
        long offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !Cursor.TryDecode(cursor, out offset))
        {
            errors["cursor"] = ["This cursor is not one a search gave out."];
        }
        return errors.Count > 0
            ? null
            : new SearchQuery(text, parsedType, parsedSort, parsedDuration, parsedUploaded, (int)offset, PageCursor.ClampLimit(limit));
    }

    /// <summary>The lower-case name of a value, as the query string and the pages spell it.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Pick<T>(string? value, string field, T fallback, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        // "any" is the absence of a filter, not a value to send.
        var values = Enum.GetValues<T>().Where(v => Name(v) != "any").ToList();
        foreach (var v in values.Where(v => Name(v) == value))
        {
            return v;
        }
        errors[field] = [$"Use {string.Join(", ", values.Select(Name))}."];
        return fallback;
    }
}
