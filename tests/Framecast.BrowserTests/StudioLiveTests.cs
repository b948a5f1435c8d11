using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>The broadcaster's page <c>/studio/live</c>: the stream key, the settings, and a broadcast published with ffmpeg.</summary>
public sealed class StudioLiveTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task The_stream_key_stays_hidden_until_revealed_rotates_after_confirming_and_the_settings_save() => RunAsync(async () =>
    {
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync("/studio/live");
        await Expect(anonymous).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2Fstudio%2Flive$"));

        var page = await NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Site.RegisterAsync(page, "keys");
        await page.GotoAsync("/studio");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Go live", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Live");
        var key = await StreamKeyAsync(page);
        await Expect(page.GetByLabel("Server URL")).ToHaveValueAsync($"rtmp://127.0.0.1:{Fixture.Server.RtmpPort}/live");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up OBS" })).ToBeVisibleAsync();

        // Hidden: not in the page at all until "Reveal".
        var keyField = page.GetByLabel("Stream key");
        await Expect(keyField).ToHaveValueAsync("");
        (await page.ContentAsync()).Should().NotContain(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Expect(keyField).ToHaveValueAsync(key);
        await Expect(page.GetByText(key)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Expect(keyField).ToHaveValueAsync("");

        // "Copy" copies without showing it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Stream key copied.");
        (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Should().Be(key);
        await Expect(keyField).ToHaveValueAsync("");

        // "Rotate key" asks first: no changes nothing, yes makes a new key that the page shows and the API has.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        var refused = AnswerNextDialogAsync(page, accept: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        (await refused).Should().Contain("Rotate your stream key?");
        (await StreamKeyAsync(page)).Should().Be(key, "a refused confirmation rotates nothing");
        var accepted = AnswerNextDialogAsync(page, accept: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        await accepted;
        await Expect(keyField).Not.ToHaveValueAsync(key);
        await Expect(keyField).ToHaveValueAsync(new Regex("^live_[0-9A-Za-z]{32}$"));
        var shown = await keyField.InputValueAsync();
        (await StreamKeyAsync(page)).Should().Be(shown, "the page shows the key the server now takes");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("New stream key made.");
        await Screenshots.CaptureAsync(page, "studio-live-key", Fixture.ScreenshotsDirectory, Output.WriteLine);

        // Settings: saved in place, kept across a reload; a title over 100 characters is refused next to the field.
        await page.GetByLabel("Title").FillAsync("Evening build stream");
        await page.GetByLabel("Description").FillAsync("Fixing the <b>flaky</b> tests.");
        await page.GetByLabel("Tags").FillAsync("dotnet, live coding");
        await page.GetByLabel("Record broadcasts").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Live settings saved.");
        var settings = await SettingsAsync(page);
        settings.GetProperty("title").GetString().Should().Be("Evening build stream");
        settings.GetProperty("description").GetString().Should().Be("Fixing the <b>flaky</b> tests.");
        settings.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("dotnet", "live coding");
        settings.GetProperty("record").GetBoolean().Should().BeFalse();
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Evening build stream");
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("Fixing the <b>flaky</b> tests.");
        await Expect(page.GetByLabel("Record broadcasts")).Not.ToBeCheckedAsync();

        await page.GetByLabel("Title").FillAsync(new string('x', 101));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#title-error")).ToHaveTextAsync("Use at most 100 characters.");
        await Expect(page.GetByLabel("Title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Title")).ToBeFocusedAsync();
        (await SettingsAsync(page)).GetProperty("title").GetString().Should().Be("Evening build stream");
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    [Fact]
    public Task Without_JavaScript_the_key_is_revealed_and_rotated_and_the_settings_post_to_the_page() => RunAsync(async () =>
    {
        var context = await Fixture.Browser.NewContextAsync(new() { BaseURL = Fixture.Address.ToString(), JavaScriptEnabled = false, Locale = "en-US" });
        try
        {
            context.SetDefaultTimeout(Ms(Step));
            var page = await context.NewPageAsync();
            await Site.RegisterAsync(page, "nojs");
            await page.GotoAsync("/studio/live");
            var key = await StreamKeyAsync(page);
            var keyField = page.GetByLabel("Stream key");
            await Expect(keyField).ToHaveValueAsync("");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
            await Expect(keyField).ToHaveValueAsync(key);

            await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
            await Expect(page.GetByText("Rotate your stream key?")).ToBeVisibleAsync();
            (await StreamKeyAsync(page)).Should().Be(key, "the first press only asks");
            await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("New stream key made.");
            var rotated = await StreamKeyAsync(page);
            rotated.Should().NotBe(key);
            await Expect(keyField).ToHaveValueAsync(rotated);

            await page.GetByLabel("Title").FillAsync(new string('y', 101));
            var refused = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(), r => r.Request.Method == "POST");
            refused.Status.Should().Be(400);
            await Expect(page.Locator("#title-error")).ToHaveTextAsync("Use at most 100 characters.");
            await Expect(page.GetByLabel("Title")).ToHaveValueAsync(new string('y', 101));
            await page.GetByLabel("Title").FillAsync("No script needed");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Live settings saved.");
            await Expect(page.GetByLabel("Title")).ToHaveValueAsync("No script needed");
        }
        finally
        {
            await context.CloseAsync();
        }
    });

    [Fact]
    public Task A_broadcast_shows_live_with_its_health_and_preview_and_ends_from_the_page() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        var username = await Site.RegisterAsync(page, "onair");
        await page.GotoAsync("/studio/live");
        var badge = page.Locator("#broadcast-badge");
        await Expect(badge).ToHaveTextAsync("OFFLINE");
        var key = await StreamKeyAsync(page);

        // The page is never reloaded: it follows the broadcast from offline to live, ended, live again and reconnecting.
        var started = Stopwatch.StartNew();
        using (var publisher = Publish(key, keyframeSeconds: 1))
        {
            try
            {
                await Expect(badge).ToHaveTextAsync("LIVE");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up OBS" })).ToBeHiddenAsync();
                await Expect(page.Locator("#live-resolution")).ToHaveTextAsync("640×360");
                await Expect(page.Locator("#live-bitrate")).ToHaveTextAsync(new Regex(@"^[1-9][\d,]* kbps$"));
                await Expect(page.Locator("#live-frame-rate")).ToHaveTextAsync(new Regex(@"^\d+(\.\d+)? fps$"));
                await Expect(page.Locator("#live-keyframe")).ToHaveTextAsync("1 s");
                await Expect(page.Locator("#live-disconnects")).ToHaveTextAsync("0");
                await Expect(page.Locator("#live-viewers")).ToHaveTextAsync(new Regex(@"^(\d+|\d+ \(peak \d+\))$"));
                await Expect(page.Locator("#live-duration")).ToHaveTextAsync(new Regex(@"^0:\d\d$"));
                await Expect(page.Locator("#live-warnings")).ToBeHiddenAsync();
                var fps = double.Parse(Regex.Match(await page.Locator("#live-frame-rate").TextContentAsync() ?? "", @"[\d.]+").Value, CultureInfo.InvariantCulture);
                fps.Should().BeInRange(20, 40, "ffmpeg publishes 30 frames a second");
                Output.WriteLine($"live after {started.Elapsed.TotalSeconds:0.0} s: {await page.Locator(".live-stats").InnerTextAsync()}");

                // The muted preview plays the broadcast; the duration counts up.
                await page.WaitForFunctionAsync("() => { const v = document.getElementById('live-preview'); return v && v.muted && !v.paused && v.currentTime > 1; }",
                    null, new() { Timeout = Ms(Step) });
                await Expect(page.Locator("#live-duration")).Not.ToHaveTextAsync("0:00");
                await CheckLiveLooksRightAsync(username, "studio-live-on-air");

                await page.GetByRole(AriaRole.Button, new() { Name = "End broadcast" }).ClickAsync();
                await Expect(badge).ToHaveTextAsync("OFFLINE");
                await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Broadcast ended.");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up OBS" })).ToBeVisibleAsync();
                await Expect(page.Locator("#broadcast-live")).ToBeHiddenAsync();
                using var exit = new CancellationTokenSource(Step);
                await publisher.WaitForExitAsync(exit.Token);
                // The API catches up once the broadcast's transcoder has stopped; the page did not wait for it.
                var ending = Stopwatch.StartNew();
                while ((await SettingsAsync(page)).GetProperty("broadcast") is { ValueKind: JsonValueKind.Object } after && after.GetProperty("status").GetString() != "ended")
                {
                    ending.Elapsed.Should().BeLessThan(Step, $"the broadcast ends (still {after})");
                    await Task.Delay(200);
                }
                Output.WriteLine($"the API reported the broadcast ended {ending.Elapsed.TotalSeconds:0.0} s after the publisher exited");
            }
            finally
            {
                await StopAsync(publisher);
            }
        }

        // Keyframes 3 s apart: the interval shows as too long, with the server's advice in a status line.
        using (var slow = Publish(key, keyframeSeconds: 3))
        {
            try
            {
                await Expect(badge).ToHaveTextAsync("LIVE", new() { Timeout = Ms(Step) });
                await Expect(page.Locator("#live-keyframe")).ToHaveTextAsync("3 s (over 2 s)");
                var warning = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Keyframes arrive every 3 s" });
                await Expect(warning).ToBeVisibleAsync();
                await Expect(warning).ToContainTextAsync("Keyframe Interval");
                await Screenshots.CaptureAsync(page, "studio-live-keyframe-warning", Fixture.ScreenshotsDirectory, Output.WriteLine);

                // The encoder drops: the broadcast waits for it (the reconnect window), and can be ended meanwhile.
                await StopAsync(slow);
                await Expect(badge).ToHaveTextAsync("RECONNECTING");
                await Expect(page.Locator("#live-disconnects")).ToHaveTextAsync("1");
                await page.GetByRole(AriaRole.Button, new() { Name = "End broadcast" }).ClickAsync();
                await Expect(badge).ToHaveTextAsync("OFFLINE");
                await Expect(page.Locator("#live-warnings")).ToBeHiddenAsync();
            }
            finally
            {
                await StopAsync(slow);
            }
        }
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal) || e.Contains("Content Security Policy", StringComparison.Ordinal))
            .Should().BeEmpty();
    });

    /// <summary>axe (light and dark) and screenshots of the live state, in a second tab that may run axe's script.</summary>
    private async Task CheckLiveLooksRightAsync(string username, string name)
    {
        var page = await NewPageAsync(bypassCsp: true);
        await Site.LogInAsync(page, username, TestUsers.Password);
        await page.GotoAsync("/studio/live");
        await Expect(page.Locator("#broadcast-badge")).ToHaveTextAsync("LIVE");
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('live-preview'); return !v.paused && v.currentTime > 0.5; }",
            null, new() { Timeout = Ms(Step) });
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, name, Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375, "the live page must not scroll sideways on a phone");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await Screenshots.CaptureAsync(page, $"{name}-dark", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await page.CloseAsync();
    }

    private static async Task<JsonElement> SettingsAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/v1/me/live");
        response.Status.Should().Be(200);
        return (await response.JsonAsync())!.Value;
    }

    private static async Task<string> StreamKeyAsync(IPage page) => (await SettingsAsync(page)).GetProperty("streamKey").GetString()!;

    /// <summary>Answers the page's next <c>confirm()</c>; completes with its question once answered.</summary>
    private static Task<string> AnswerNextDialogAsync(IPage page, bool accept)
    {
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, IDialog dialog)
        {
            page.Dialog -= Handler;
            (accept ? dialog.AcceptAsync() : dialog.DismissAsync()).ContinueWith(
                t => { if (t.Exception is { } e) { answered.TrySetException(e.InnerExceptions); } else { answered.TrySetResult(dialog.Message); } },
                TaskScheduler.Default);
        }
        page.Dialog += Handler;
        return answered.Task;
    }

    private Process Publish(string key, int keyframeSeconds)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", (30 * keyframeSeconds).ToString(CultureInfo.InvariantCulture),
            "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{Fixture.Server.RtmpPort}/live/{key}",
        })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Output.WriteLine("publisher: " + e.Data); } };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task StopAsync(Process publisher)
    {
        if (!publisher.HasExited)
        {
            publisher.Kill(entireProcessTree: true);
        }
        await publisher.WaitForExitAsync();
    }
}
