namespace Framecast.Features.Videos;

public static class VideoRules
{
    public const int MaxTitleLength = 100;
    public const int MaxDescriptionLength = 5000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 30;

    public static bool TryParseVisibility(string? value, out Visibility visibility)
    {
        visibility = value switch
        {
            "public" => Visibility.Public,
            "unlisted" => Visibility.Unlisted,
            "private" => Visibility.Private,
            _ => (Visibility)(-1),
        };
        return visibility >= 0;
    }

    /// <summary>Checks the fields present in a PATCH (or a new video) and adds what is wrong to <paramref name="errors"/>.</summary>
    public static void Validate(UpdateVideoRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Title is not null && request.Title.Trim().Length is 0 or > MaxTitleLength)
        {
            errors["title"] = [$"Use 1–{MaxTitleLength} characters."];
        }
        if (request.Description is not null && request.Description.Length > MaxDescriptionLength)
        {
            errors["description"] = [$"Use at most {MaxDescriptionLength} characters."];
        }
        if (request.Tags is not null)
        {
            if (request.Tags.Count > MaxTags)
            {
                errors["tags"] = [$"Use at most {MaxTags} tags."];
            }
            else if (request.Tags.Any(t => t is null || t.Trim().Length is 0 or > MaxTagLength))
            {
                errors["tags"] = [$"Each tag needs 1–{MaxTagLength} characters."];
            }
        }
        if (request.Visibility is not null && !TryParseVisibility(request.Visibility, out _))
        {
            errors["visibility"] = ["Use public, unlisted or private."];
        }
    }

    /// <summary>Trimmed, de-duplicated (case-insensitively), in the order given.</summary>
    public static List<string> NormalizeTags(IEnumerable<string?> tags) =>
        tags.Select(t => t!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
