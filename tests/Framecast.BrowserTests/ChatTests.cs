using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// The live chat beside the channel page's player: messages reach other browsers' chat and fly across their player as
/// barrage, anonymous viewers read but are asked to sign in, moderators delete and ban inline, the end closes the
/// chat. A broadcast is published with ffmpeg over RTMP, as in <see cref="LiveTests"/>.
/// </summary>
public sealed class ChatTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
        """;

    [Fact]
    public Task A_message_typed_on_the_live_page_reaches_another_viewers_chat_and_flies_across_the_player() => RunAsync(async () =>
    {
        await using var broadcast = await Broadcast.StartAsync(Fixture, Output, "chatlive");

        // An anonymous viewer, with the site's CSP in force: the chat connects over a WebSocket to the same origin.
        var viewer = await NewPageAsync();
        await viewer.AddInitScriptAsync(RecordViolations);
        var sockets = new ConcurrentQueue<string>();
        viewer.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
        await viewer.GotoAsync($"/u/{broadcast.Username}");
        var chat = viewer.GetByRole(AriaRole.Complementary, new() { Name = "Chat" });
        await Expect(chat.GetByRole(AriaRole.Link, new() { Name = "Sign in to chat" })).ToBeVisibleAsync();
        await Expect(chat.GetByLabel("Message")).ToHaveCountAsync(0);
        await Expect(viewer.Locator("#chat-connection")).ToBeHiddenAsync();

        // A signed-in viewer types a message.
        var sender = await NewPageAsync(bypassCsp: true);
        var senderName = await Site.RegisterAsync(sender, "chatter");
        await sender.GotoAsync($"/u/{broadcast.Username}");
        var input = sender.GetByLabel("Message", new() { Exact = true });
        await Expect(input).ToBeEnabledAsync();
        var text = $"hello from {senderName}";
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(input).ToHaveValueAsync("");

        // The other browser: in the chat log, and as barrage moving right to left over the player.
        var log = viewer.GetByRole(AriaRole.Log, new() { Name = "Chat" });
        await Expect(log.Locator("li", new() { HasText = text })).ToContainTextAsync(senderName);
        var flying = viewer.Locator("#live-root .danmaku-item", new() { HasText = text });
        await Expect(flying).ToBeVisibleAsync();
        var firstX = await flying.EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        await viewer.WaitForFunctionAsync(
            "([text, x]) => [...document.querySelectorAll('#live-root .danmaku-item')].some(e => e.textContent === text && e.getBoundingClientRect().left < x - 40)",
            new object[] { text, firstX });

        // Markup stays text, in the chat and in the barrage.
        var attack = "<img src=x onerror=\"window.__xss=1\"><b>bold</b>";
        await input.FillAsync(attack);
        await sender.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(log.Locator(".chat-text").Filter(new() { HasText = "onerror" })).ToHaveTextAsync(attack);
        await Expect(viewer.Locator("#live-root .danmaku-item", new() { HasText = "onerror" })).ToHaveTextAsync(attack);
        (await viewer.Locator("#chat img, #chat b, #live-root img").CountAsync()).Should().Be(0, "message text is never parsed as HTML");
        (await viewer.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();

        sockets.Should().Contain(url => url.StartsWith("ws://", StringComparison.Ordinal) && url.Contains("/hubs/live"),
            "the hub runs over a same-origin WebSocket");
        (await viewer.EvaluateAsync<string[]>("() => window.__cspViolations")).Should().BeEmpty("connect-src 'self' admits the hub's WebSocket");

        // The sender's page: accessible, and fits a phone.
        await Axe.AssertNoSeriousViolationsAsync(sender, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(sender, "live-chat", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        await Axe.AssertNoSeriousViolationsAsync(sender, Fixture.AxeScript);

        // The broadcast ends: the chat closes for everyone.
        await broadcast.EndAsync();
        await Expect(sender.Locator("#chat-notice")).ToContainTextAsync("The broadcast has ended");
        await Expect(input).ToBeDisabledAsync();
        await Expect(viewer.Locator("#chat-notice")).ToContainTextAsync("The broadcast has ended");
        await Expect(viewer.Locator("#live-status")).ToHaveTextAsync("The broadcast has ended.");
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    [Fact]
    public Task A_moderator_deletes_a_message_for_everyone_and_bans_its_author() => RunAsync(async () =>
    {
        await using var broadcast = await Broadcast.StartAsync(Fixture, Output, "chatmod");
        var owner = await NewPageAsync();
        await Site.LogInAsync(owner, broadcast.Username, TestUsers.Password);
        await owner.GotoAsync($"/u/{broadcast.Username}");
        var viewer = await NewPageAsync();
        var viewerName = await Site.RegisterAsync(viewer, "troll");
        await viewer.GotoAsync($"/u/{broadcast.Username}");

        var input = viewer.GetByLabel("Message", new() { Exact = true });
        await Expect(input).ToBeEnabledAsync();
        await Expect(owner.Locator("#chat-connection")).ToBeHiddenAsync();
        var text = $"buy followers {Guid.NewGuid():N}";
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        var viewerLog = viewer.GetByRole(AriaRole.Log, new() { Name = "Chat" });
        var ownerLog = owner.GetByRole(AriaRole.Log, new() { Name = "Chat" });
        await Expect(viewerLog.GetByText(text)).ToBeVisibleAsync();
        var row = ownerLog.Locator("li", new() { HasText = text });
        await Expect(row).ToBeVisibleAsync();

        // The owner is the channel's moderator: Delete removes it from every browser.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete message from {viewerName}" }).ClickAsync();
        await Expect(viewerLog.GetByText(text)).ToHaveCountAsync(0);
        await Expect(ownerLog.GetByText(text)).ToHaveCountAsync(0);
        await Expect(viewer.Locator("#live-root .danmaku-item", new() { HasText = text })).ToHaveCountAsync(0);

        // Ban for 10 minutes, with a reason: the viewer is told, and cannot send.
        await input.FillAsync("second try");
        await input.PressAsync("Enter");
        var second = ownerLog.Locator("li", new() { HasText = "second try" });
        await Expect(second).ToBeVisibleAsync();

        // The channel's rules refuse with a reason, said in the viewer's alert line.
        await broadcast.PutChatSettingsAsync(new { blockedWords = new[] { "spoiler" } });
        await input.FillAsync("the ending is a SPOILER");
        await input.PressAsync("Enter");
        await Expect(viewer.Locator("#chat-error")).ToContainTextAsync("contains a word this channel does not allow");
        await Expect(input).ToHaveValueAsync("the ending is a SPOILER");
        await broadcast.PutChatSettingsAsync(new { slowModeSeconds = 60 });
        await input.FillAsync("third");
        await input.PressAsync("Enter");
        await Expect(viewer.Locator("#chat-error")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Slow mode is on: wait \\d+ seconds"));
        await Expect(ownerLog.GetByText("SPOILER")).ToHaveCountAsync(0);
        await second.GetByRole(AriaRole.Button, new() { Name = $"Ban {viewerName}" }).ClickAsync();
        await second.GetByLabel("Ban for").SelectOptionAsync(new SelectOptionValue { Label = "10 minutes" });
        await second.GetByLabel("Reason").FillAsync("spam");
        await Screenshots.CaptureAsync(owner, "live-chat-moderator", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await second.GetByRole(AriaRole.Button, new() { Name = $"Ban {viewerName}", Exact = true }).Last.ClickAsync();
        // The moderator's own confirmation ("is banned for 10 minutes") and the room's `banned` event ("was banned … until")
        // both land in the notice line, in either order.
        await Expect(owner.Locator("#chat-notice")).ToContainTextAsync(new System.Text.RegularExpressions.Regex($"{viewerName} (is banned for 10 minutes|was banned from the chat until)"));
        await Expect(viewer.Locator("#chat-error")).ToContainTextAsync("You are banned from this chat until");
        await Expect(viewer.Locator("#chat-error")).ToContainTextAsync("spam");
        await Expect(input).ToBeDisabledAsync();

        // After a reload the page knows it from the room's state; the server refuses a send all the same.
        await viewer.ReloadAsync();
        await Expect(viewer.Locator("#chat-error")).ToContainTextAsync("banned");
        await Expect(viewer.GetByLabel("Message", new() { Exact = true })).ToBeDisabledAsync();
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });
}

/// <summary>A channel broadcasting a test pattern with ffmpeg over RTMP until disposed.</summary>
internal sealed class Broadcast : IAsyncDisposable
{
    private readonly Process publisher;

    private Broadcast(string username, HttpClient owner, Process publisher)
    {
        Username = username;
        Owner = owner;
        this.publisher = publisher;
    }

    public string Username { get; }

    /// <summary>The broadcaster's API client (bearer token).</summary>
    public HttpClient Owner { get; }

    /// <param name="beforePublishing">runs with the new channel's name before ffmpeg starts (e.g. a viewer follows it)</param>
    public static async Task<Broadcast> StartAsync(FramecastFixture fixture, ITestOutputHelper output, string prefix,
        Func<string, Task>? beforePublishing = null)
    {
        var http = new HttpClient { BaseAddress = fixture.Address, Timeout = TimeSpan.FromSeconds(30) };
        var username = TestUsers.NewName(prefix);
        using var registered = await http.PostAsJsonAsync("/api/v1/users", new { username, password = TestUsers.Password });
        registered.EnsureSuccessStatusCode();
        var token = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var key = (await http.GetFromJsonAsync<JsonElement>("/api/v1/me/live")).GetProperty("streamKey").GetString()!;
        if (beforePublishing is not null)
        {
            await beforePublishing(username);
        }

        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "180", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{fixture.Server.RtmpPort}/live/{key}",
        })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine("publisher: " + e.Data); } };
        process.BeginErrorReadLine();
        var broadcast = new Broadcast(username, http, process);

        // Live once the channel's session exists (the chat needs it), the player once the master playlist is there.
        var clock = Stopwatch.StartNew();
        while ((await http.GetAsync($"/live/{username}/master.m3u8")).StatusCode != System.Net.HttpStatusCode.OK
            || !(await http.GetAsync($"/api/v1/channels/{username}/live")).IsSuccessStatusCode)
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                await broadcast.DisposeAsync();
                throw new InvalidOperationException($"The broadcast did not start (publisher exited: {process.HasExited}).");
            }
            await Task.Delay(200);
        }
        return broadcast;
    }

    public async Task PutChatSettingsAsync(object settings)
    {
        using var saved = await Owner.PutAsJsonAsync($"/api/v1/channels/{Username}/chat-settings", settings);
        saved.EnsureSuccessStatusCode();
    }

    public async Task EndAsync()
    {
        using var ended = await Owner.PostAsync("/api/v1/me/live/end", null);
        ended.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
    }

    public async ValueTask DisposeAsync()
    {
        if (!publisher.HasExited)
        {
            publisher.Kill(entireProcessTree: true);
        }
        await publisher.WaitForExitAsync();
        publisher.Dispose();
        Owner.Dispose();
    }
}
