using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>What the tests of live as a product share: sessions, the live list, ending, recordings, pages.</summary>
public static partial class LiveProductKit
{
    public static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(20);

    /// <summary>The channel's live session (GET /api/v1/channels/{u}/live), or null when it answers 404.</summary>
    public static async Task<JsonElement?> ChannelLiveAsync(this HttpClient client, string username)
    {
        using var response = await client.GetAsync($"/api/v1/channels/{username}/live");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
            return null;
        }
        return await response.ShouldBeJsonAsync();
    }

    /// <summary>Waits until the channel's session answers and is <c>live</c>; returns it.</summary>
    public static async Task<JsonElement> WaitLiveAsync(this HttpClient client, string username)
    {
        JsonElement? session = null;
        await Eventually.TrueAsync(async () => (session = await client.ChannelLiveAsync(username))?.GetProperty("status").GetString() == "live",
            $"{username} is live", LiveTestKit.Patience);
        return session!.Value;
    }

    /// <summary>Waits until the channel's session satisfies <paramref name="condition"/>; returns it.</summary>
    public static async Task<JsonElement> WaitSessionAsync(this HttpClient client, string username, Func<JsonElement, bool> condition, string because,
        TimeSpan? within = null)
    {
        JsonElement? session = null;
        await Eventually.TrueAsync(async () => (session = await client.ChannelLiveAsync(username)) is { } s && condition(s), because, within ?? LiveTestKit.Patience);
        return session!.Value;
    }

    public static async Task WaitOfflineAsync(this HttpClient client, string username, TimeSpan? within = null) =>
        await Eventually.TrueAsync(async () => await client.ChannelLiveAsync(username) is null, $"{username} is offline", within ?? LiveTestKit.Patience);

    /// <summary>Ends the owner's broadcast if there is one (for finally blocks: never throws on "not live").</summary>
    public static async Task EndQuietlyAsync(this TestUser owner)
    {
        try
        {
            using var _ = await owner.Client.PostAsync("/api/v1/me/live/end", null);
        }
        catch (HttpRequestException)
        {
        }
    }

    /// <summary>GET /api/v1/live with this query; the whole answer.</summary>
    public static async Task<JsonElement> ListLiveAsync(this HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/api/v1/live" + query);
        return await response.ShouldBeJsonAsync();
    }

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static string Username(this JsonElement session) => session.GetProperty("channel").GetProperty("username").GetString()!;

    public static int Viewers(this JsonElement session) => session.GetProperty("viewers").GetInt32();

    public static int PeakViewers(this JsonElement session) => session.GetProperty("peakViewers").GetInt32();

    public static string? String(this JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The owner's videos (the owner sees processing ones too), newest first.</summary>
    public static async Task<List<JsonElement>> VideosAsync(this TestUser owner)
    {
        using var response = await owner.Client.GetAsync($"/api/v1/users/{owner.Username}/videos?limit=100");
        return [.. (await response.ShouldBeJsonAsync()).Items()];
    }

    /// <summary>Waits until the owner has a video whose status is ready (or failed: the assertion then says why); returns it.</summary>
    public static async Task<JsonElement> WaitReadyVideoAsync(this TestUser owner, string videoId, TimeSpan? within = null)
    {
        JsonElement video = default;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await owner.Client.GetAsync($"/api/v1/videos/{videoId}");
            video = await response.ShouldBeJsonAsync();
            return video.GetProperty("status").GetString() is "ready" or "failed";
        }, $"video {videoId} is processed", within ?? TimeSpan.FromSeconds(40));
        video.GetProperty("status").GetString().Should().Be("ready", video.ToString());
        return video;
    }

    /// <summary>Waits until the owner has exactly one video (the recording) and it is ready.</summary>
    public static async Task<JsonElement> WaitRecordingAsync(this TestUser owner, TimeSpan? within = null)
    {
        List<JsonElement> videos = [];
        await Eventually.TrueAsync(async () => (videos = await owner.VideosAsync()).Count > 0, $"{owner.Username}'s recording becomes a video", within ?? TimeSpan.FromSeconds(40));
        videos.Should().HaveCount(1, "one broadcast makes one recording");
        return await owner.WaitReadyVideoAsync(videos[0].GetProperty("id").GetString()!, within);
    }

    /// <summary>A page's HTML (200).</summary>
    public static async Task<string> PageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        return html;
    }

    /// <summary>The <c>li.live-card</c> elements of a page (cards hold no nested list items).</summary>
    public static List<string> LiveCards(string html) => [.. LiveCardPattern().Matches(html).Select(m => m.Value)];

    /// <summary>The card of this channel on a page, or null.</summary>
    public static string? LiveCardOf(string html, string username) =>
        LiveCards(html).SingleOrDefault(card => card.Contains($"<p class=\"card-channel\"><a href=\"/u/{username}\">{username}</a></p>", StringComparison.Ordinal));

    [GeneratedRegex("<li class=\"[^\"]*\\blive-card\\b[^\"]*\">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex LiveCardPattern();

    /// <summary>Sets the owner's live settings (PATCH /api/v1/me/live) and returns the stream key.</summary>
    public static async Task<string> PatchLiveAsync(this TestUser owner, object settings)
    {
        using var response = await owner.Client.PatchAsJsonAsync("/api/v1/me/live", settings);
        return (await response.ShouldBeJsonAsync()).GetProperty("streamKey").GetString()!;
    }
}
