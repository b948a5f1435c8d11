using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>A broadcast published with ffmpeg over RTMP, watched on the channel page with hls.js in low-latency mode.</summary>
public sealed class LiveTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_channel_page_plays_a_live_broadcast_near_the_live_edge() => RunAsync(async () =>
    {
        var (username, key, owner) = await RegisterBroadcasterAsync();
        owner.Dispose();
        using var publisher = Publish(key);
        try
        {
            await WaitForMasterAsync(username, publisher);

            var page = await NewPageAsync();
            var failed = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Response += (_, response) => { if (response.Status >= 400) { failed.Enqueue($"{response.Status} {response.Url}"); } };
            await page.GotoAsync($"/u/{username}");
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = $"{username} is live" })).ToBeVisibleAsync();
            await Expect(page.Locator(".live-bar .live-badge")).ToHaveTextAsync("LIVE");

            // hls.js plays it (muted autoplay), and the page reads how far behind the broadcaster it is.
            await page.WaitForFunctionAsync("() => { const v = document.getElementById('live-video'); return v && !v.paused && v.currentTime > 1; }",
                null, new() { Timeout = Ms(Step) });
            await page.WaitForFunctionAsync("() => document.getElementById('live-latency').dataset.seconds > 0", null, new() { Timeout = Ms(Step) });
            var latency = double.Parse(await page.Locator("#live-latency").GetAttributeAsync("data-seconds") ?? "", System.Globalization.CultureInfo.InvariantCulture);
            Output.WriteLine($"latency shown: {latency:0.00} s");
            latency.Should().BeLessThan(10, "a low-latency player stays within seconds of the broadcaster (the benchmark measures it properly)");
            (await page.EvaluateAsync<bool>("() => !!window.Hls && window.Hls.isSupported()")).Should().BeTrue();

            // Pausing falls behind; "Go to live edge" comes back to it.
            await page.Locator("#live-video").EvaluateAsync("v => v.pause()");
            var pausedAt = await page.Locator("#live-video").EvaluateAsync<double>("v => v.currentTime");
            await page.WaitForFunctionAsync($"() => document.getElementById('live-video').buffered.length && document.getElementById('live-video').buffered.end(0) > {pausedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)} + 2",
                null, new() { Timeout = Ms(Step) });
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Go to live edge" }).ClickAsync();
            await page.WaitForFunctionAsync($"() => {{ const v = document.getElementById('live-video'); return !v.paused && v.currentTime > {pausedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)} + 1.5; }}",
                null, new() { Timeout = Ms(Step) });
            await Screenshots.CaptureAsync(page, "live-channel", Fixture.ScreenshotsDirectory, Output.WriteLine);
            failed.Should().BeEmpty("every playlist, part and segment the player asked for was there");
            ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
        }
        finally
        {
            if (!publisher.HasExited)
            {
                publisher.Kill(entireProcessTree: true);
            }
            await publisher.WaitForExitAsync();
        }
    });

    [Fact]
    public Task Live_now_lists_the_broadcast_with_its_picture_and_viewers_and_the_recording_lands_on_the_channel() => RunAsync(async () =>
    {
        var (username, key, owner) = await RegisterBroadcasterAsync("onair");
        using var publisher = Publish(key);
        try
        {
            await WaitForMasterAsync(username, publisher);
            var title = $"{username} is live";

            // One viewer on the channel page; the live list shows the broadcast, its picture (made every ~10 s) and 1 watching.
            var first = await NewPageAsync();
            await first.GotoAsync($"/u/{username}");
            await first.WaitForFunctionAsync("() => { const v = document.getElementById('live-video'); return v && v.currentTime > 0.5; }", null, new() { Timeout = Ms(Step) });
            var list = await NewPageAsync(bypassCsp: true);
            await list.GotoAsync("/live");
            var card = list.Locator("li.live-card").Filter(new() { Has = list.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = title }) });
            await ReloadUntilAsync(list, card.Locator("img"), "the broadcast's picture");
            await ReloadUntilAsync(list, card.GetByText("1 watching"), "one viewer");

            // A second viewer joins: the count goes up on the list.
            var second = await NewPageAsync();
            await second.GotoAsync($"/u/{username}");
            await second.WaitForFunctionAsync("() => { const v = document.getElementById('live-video'); return v && v.currentTime > 0.5; }", null, new() { Timeout = Ms(Step) });
            await ReloadUntilAsync(list, card.GetByText("2 watching"), "two viewers");
            await Axe.AssertNoSeriousViolationsAsync(list, Fixture.AxeScript);
            var widths = await Screenshots.CaptureAsync(list, "live-now", Fixture.ScreenshotsDirectory, Output.WriteLine);
            widths[375].Should().BeLessThanOrEqualTo(375);

            // The home page has a Live now row with the same card.
            await list.GotoAsync("/");
            var row = list.GetByRole(Microsoft.Playwright.AriaRole.Region, new() { Name = "Live now" });
            await Expect(row.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

            // Ended: the viewers' page says so, and the recording becomes a video listed on the channel.
            (await owner.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
            await Expect(first.Locator("#live-status")).ToHaveTextAsync("The broadcast has ended.", new() { Timeout = Ms(Step) });
            var past = list.GetByRole(Microsoft.Playwright.AriaRole.Region, new() { Name = "Past broadcasts" }).GetByRole(Microsoft.Playwright.AriaRole.Link);
            await list.GotoAsync($"/u/{username}");
            await ReloadUntilAsync(list, past, "the recording's link", Processing);
            await past.First.ClickAsync();
            await list.WaitForFunctionAsync("() => { const v = document.querySelector('video#player'); return v && (v.currentSrc || v.src); }");
            await Expect(list.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"{username} live");
        }
        finally
        {
            if (!publisher.HasExited)
            {
                publisher.Kill(entireProcessTree: true);
            }
            await publisher.WaitForExitAsync();
            owner.Dispose();
        }
    });

    /// <summary>Pages that are not live-updated (the live list) are reloaded until <paramref name="target"/> shows.</summary>
    private static async Task ReloadUntilAsync(Microsoft.Playwright.IPage page, Microsoft.Playwright.ILocator target, string what, TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        while (await target.CountAsync() == 0)
        {
            deadline.Elapsed.Should().BeLessThan(within ?? Step + Step, $"{what} shows on {page.Url}");
            await page.WaitForTimeoutAsync(1000); // the page itself has nothing to wait for: it changes only when reloaded
            await page.ReloadAsync();
        }
    }

    private async Task WaitForMasterAsync(string username, Process publisher)
    {
        using var http = new HttpClient { BaseAddress = Fixture.Address };
        var deadline = Stopwatch.StartNew();
        while ((await http.GetAsync($"/live/{username}/master.m3u8")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            publisher.HasExited.Should().BeFalse("the publisher keeps publishing");
            deadline.Elapsed.Should().BeLessThan(Step, "the broadcast's master playlist appears once the transcoder's first output is in");
            await Task.Delay(200);
        }
    }

    private async Task<(string Username, string Key, HttpClient Owner)> RegisterBroadcasterAsync(string prefix = "live")
    {
        var http = new HttpClient { BaseAddress = Fixture.Address, Timeout = TimeSpan.FromSeconds(30) };
        var username = TestUsers.NewName(prefix);
        using var registered = await http.PostAsJsonAsync("/api/v1/users", new { username, password = TestUsers.Password });
        registered.EnsureSuccessStatusCode();
        var token = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var settings = await http.GetFromJsonAsync<JsonElement>("/api/v1/me/live");
        settings.GetProperty("rtmpUrl").GetString().Should().Be($"rtmp://127.0.0.1:{Fixture.Server.RtmpPort}/live");
        return (username, settings.GetProperty("streamKey").GetString()!, http);
    }

    private Process Publish(string key)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{Fixture.Server.RtmpPort}/live/{key}",
        })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Output.WriteLine("publisher: " + e.Data); } };
        process.BeginErrorReadLine();
        return process;
    }
}
