using System.Globalization;

namespace Framecast.Features.Web;

/// <summary>How the pages show numbers, durations and times.</summary>
public static class Display
{
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || s < 0)
        {
            return "";
        }
        var t = TimeSpan.FromSeconds(Math.Round(s));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    public static string Views(long views) => views == 1 ? "1 view" : string.Create(CultureInfo.InvariantCulture, $"{views:N0} views");

    public static string Watching(int viewers) => viewers == 1 ? "1 watching" : string.Create(CultureInfo.InvariantCulture, $"{viewers:N0} watching");

    public static string BroadcastLength(DateTime startedAt, DateTime? endedAt) =>
        endedAt is { } end ? Duration(Math.Max(0, (end - startedAt).TotalSeconds)) : "";

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Relative age as text; the page's script keeps it fresh, this is what shows without JavaScript.</summary>
    public static string Age(DateTime utc, DateTime now)
    {
        var age = now - utc;
        return age.TotalSeconds switch
        {
            < 60 => "just now",
            < 3600 => Plural((int)age.TotalMinutes, "minute"),
            < 86400 => Plural((int)age.TotalHours, "hour"),
            < 86400 * 30 => Plural((int)age.TotalDays, "day"),
            < 86400 * 365 => Plural((int)(age.TotalDays / 30), "month"),
            _ => Plural((int)(age.TotalDays / 365), "year"),
        };
    }

    private static string Plural(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")} ago");

    public static string Status(string status) => status switch
    {
        "ready" => "Ready",
        "processing" => "Processing",
        "uploading" => "Uploading",
        "failed" => "Failed",
        "deleting" => "Deleting",
        _ => status,
    };

    public static string Visibility(string visibility) => visibility switch
    {
        "public" => "Public",
        "unlisted" => "Unlisted",
        "private" => "Private",
        _ => visibility,
    };
}
