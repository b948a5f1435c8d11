using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Features.Live;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Chat;

/// <summary>What the chat tests share: hosts, broadcasts to chat in, hub clients, the REST calls of API.md's Real-time section.</summary>
public static class ChatKit
{
    /// <summary>The palette of the contract, in its order.</summary>
    public static readonly string[] Palette =
    [
        "#ffffff", "#fe0302", "#ff7204", "#ffaa02", "#ffd302", "#ffff00", "#a0ee00", "#00cd00", "#019899", "#4266be", "#89d5ff", "#cc0273",
        "#222222", "#9b9b9b",
    ];

    /// <summary>
    /// Strings an attacker would post: they must come back exactly as sent (data, never markup), in JSON, events and XML.
    /// </summary>
    public static readonly string[] XssStrings =
    [
        "<script>alert('xss')</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(document.cookie)>",
        "</textarea><iframe src=javascript:alert(1)>",
        "&lt;b&gt;bold&lt;/b&gt; &amp; <b>bold</b>",
        "{{constructor.constructor('alert(1)')()}} ${alert(1)}",
    ];

    /// <summary>
    /// A live host that costs little CPU: the 320x180 publisher is passed through (the ladder's only rung is above it), so
    /// no rung is encoded.
    /// </summary>
    public static Task<TestHost> StartLiveHostAsync(IReadOnlyDictionary<string, string?>? settings = null, string provider = "sqlite")
    {
        var all = new Dictionary<string, string?>
        {
            ["Live:Ladder:0"] = "240p",
            ["Live:Preset"] = "ultrafast",
            ["Live:ReconnectWindow"] = "00:00:20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return TestHost.StartAsync(provider, settings: all);
    }

    public static Task<ChatClient> ConnectAsync(this TestHost host, TestUser? user, string? label = null) =>
        ChatClient.ConnectAsync(host.Address, user?.Token, label ?? user?.Username ?? "anonymous");

    /// <summary>A client of <paramref name="host"/>'s hub that joined the live room, and its RoomState.</summary>
    public static async Task<(ChatClient Client, JsonElement Room)> JoinLiveAsync(this TestHost host, TestUser? user, string sessionId, string? label = null)
    {
        var client = await host.ConnectAsync(user, label);
        var room = await client.JoinLiveAsync(sessionId);
        return (client, room);
    }

    // ---- REST ----

    public static Task<HttpResponseMessage> PostMessageAsync(this HttpClient client, string sessionId, string text, string? mode = null, string? color = null) =>
        client.PostAsJsonAsync($"/api/v1/live/{sessionId}/messages", Body(("text", text), ("mode", mode), ("color", color)));

    /// <summary>POST a message that must be accepted (201); returns the MessageEvent.</summary>
    public static async Task<JsonElement> PostMessageOkAsync(this HttpClient client, string sessionId, string text, string? mode = null, string? color = null)
    {
        using var response = await client.PostMessageAsync(sessionId, text, mode, color);
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> MessagesAsync(this HttpClient client, string sessionId, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/live/{sessionId}/messages{query}");
        return await response.ShouldBeJsonAsync();
    }

    public static Task<HttpResponseMessage> PostDanmakuAsync(this HttpClient client, string videoId, long offsetMs, string text,
        string? mode = null, string? color = null, string? size = null) =>
        client.PostAsJsonAsync($"/api/v1/videos/{videoId}/danmaku", Body(("offsetMs", offsetMs), ("text", text), ("mode", mode), ("color", color), ("size", size)));

    public static async Task<JsonElement> PostDanmakuOkAsync(this HttpClient client, string videoId, long offsetMs, string text,
        string? mode = null, string? color = null, string? size = null)
    {
        using var response = await client.PostDanmakuAsync(videoId, offsetMs, text, mode, color, size);
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<List<JsonElement>> DanmakuAsync(this HttpClient client, string videoId, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/videos/{videoId}/danmaku{query}");
        return [.. (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    public static Task<HttpResponseMessage> PutChatSettingsAsync(this HttpClient client, string channel, object settings) =>
        client.PutAsJsonAsync($"/api/v1/channels/{channel}/chat-settings", settings);

    /// <summary>Sets a channel's chat settings (the owner's client); every field given, so a test never inherits another's.</summary>
    public static async Task SetChatSettingsAsync(this TestUser owner, int slowModeSeconds = 0, int minAccountAgeMinutes = 0, string[]? blockedWords = null,
        bool followersOnly = false)
    {
        using var response = await owner.Client.PutChatSettingsAsync(owner.Username,
            new { slowModeSeconds, followersOnly, minAccountAgeMinutes, blockedWords = blockedWords ?? [] });
        response.IsSuccessStatusCode.Should().BeTrue($"the owner sets the chat settings: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> BanAsync(this HttpClient client, string channel, string username, string reason, int? durationSeconds = null) =>
        client.PostAsJsonAsync($"/api/v1/channels/{channel}/bans", Body(("username", username), ("durationSeconds", durationSeconds), ("reason", reason)));

    public static Task<HttpResponseMessage> NameModeratorAsync(this HttpClient client, string channel, string username) =>
        client.PutAsync($"/api/v1/channels/{channel}/moderators/{username}", null);

    /// <summary>A ready public video of <paramref name="owner"/> (made through the service layer) that lasts <paramref name="seconds"/>.</summary>
    public static async Task<string> CreateVideoAsync(this TestHost host, TestUser owner, double seconds = 60, Visibility visibility = Visibility.Public)
    {
        var video = await host.CreateVideoAsync(owner, "Danmaku video", visibility);
        await host.SetVideoAsync(video.Id, v =>
        {
            v.DurationSeconds = seconds;
            v.Playable = true;
        });
        return video.Id;
    }

    /// <summary>Makes an account look older than it is (the minimum-account-age rule reads when it was made).</summary>
    public static Task BackdateAccountAsync(this TestHost host, string userId, TimeSpan age) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow - age)));

    /// <summary>The SendResult's item, asserting it has no error.</summary>
    public static JsonElement ShouldBeItem(this JsonElement sendResult)
    {
        sendResult.TryGetProperty("error", out var error).Should().BeTrue(sendResult.GetRawText());
        error.ValueKind.Should().Be(JsonValueKind.Null, $"the send is accepted: {sendResult.GetRawText()}");
        var item = sendResult.GetProperty("item");
        item.ValueKind.Should().Be(JsonValueKind.Object, sendResult.GetRawText());
        return item;
    }

    /// <summary>The SendResult's error, asserting its status and code and that there is no item.</summary>
    public static JsonElement ShouldBeError(this JsonElement sendResult, int status, string code)
    {
        sendResult.TryGetProperty("item", out var item).Should().BeTrue(sendResult.GetRawText());
        item.ValueKind.Should().Be(JsonValueKind.Null, $"a refused send has no item: {sendResult.GetRawText()}");
        var error = sendResult.GetProperty("error");
        error.ValueKind.Should().Be(JsonValueKind.Object, sendResult.GetRawText());
        error.GetProperty("status").GetInt32().Should().Be(status, sendResult.GetRawText());
        error.GetProperty("code").GetString().Should().Be(code, sendResult.GetRawText());
        return error;
    }

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static string Unique(string prefix = "msg") => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static Dictionary<string, object> Body(params (string Name, object? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Name, f => f.Value!);
}

/// <summary>
/// One host with the live role and one channel broadcasting all along (a publisher without an end), for the tests of a
/// class to chat in; each test makes its own viewers and sets the chat settings it needs.
/// </summary>
public class ChatLiveFixture : IAsyncLifetime
{
    private FfmpegProcess? _publisher;

    public TestHost Host { get; private set; } = null!;
    public TestUser Owner { get; private set; } = null!;
    public TestUser Admin { get; private set; } = null!;
    public string SessionId { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Host = await ChatKit.StartLiveHostAsync(Settings);
        Owner = await Host.RegisterAsync("chan");
        Admin = await Host.CreateAdminAsync();
        _publisher = LiveTestKit.Publish(await Host.RtmpPortAsync(), await Owner.StreamKeyAsync());
        SessionId = (await Host.Client.WaitLiveAsync(Owner.Username)).GetProperty("sessionId").GetString()!;
    }

    /// <summary>Puts the channel's chat settings back to none (each test that changes them calls it first).</summary>
    public Task ResetSettingsAsync() => Owner.SetChatSettingsAsync();

    public async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }
        await Owner.EndQuietlyAsync();
        await Host.DisposeAsync();
    }
}
