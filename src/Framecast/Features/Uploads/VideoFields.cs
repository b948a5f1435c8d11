using Framecast.Features.Videos;

namespace Framecast.Features.Uploads;

/// <summary>Title, description and visibility as an uploader sends them (tus metadata or form fields).</summary>
public static class VideoFields
{
    public static NewVideo? From(string? title, string? description, string? visibility, string? filename, string? watermark, Dictionary<string, string[]> errors)
    {
        if (watermark is not (null or "" or "on" or "off"))
        {
            errors["watermark"] = ["Use 'off' to upload without the channel's watermark, or 'on' (the default)."];
        }
        // No title given: the file's name without its extension, as most video sites do.
        var effectiveTitle = string.IsNullOrWhiteSpace(title) ? TitleFromFilename(filename) : title;
        var request = new UpdateVideoRequest(effectiveTitle, description, null, visibility);
        VideoRules.Validate(request, errors);
        if (errors.Count > 0)
        {
            return null;
        }
        VideoRules.TryParseVisibility(visibility ?? "public", out var parsed);
        return new NewVideo(effectiveTitle!, description ?? "", null, parsed, Watermark: watermark != "off");
    }

    private static string TitleFromFilename(string? filename)
    {
        var name = Path.GetFileNameWithoutExtension(filename ?? "").Trim();
        if (name.Length == 0)
        {
            return "Untitled video";
        }
        return name.Length > VideoRules.MaxTitleLength ? name[..VideoRules.MaxTitleLength] : name;
    }

    public static string SafeFilename(string? filename)
    {
        var name = Path.GetFileName((filename ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "video" : name.Length > 255 ? name[..255] : name;
    }
}
