using System.Net;
using System.Text.Json;
using Framecast.Tests.Features.Live;
using Framecast.Tests.Support;
using Xunit.Abstractions;

namespace Framecast.Tests.Features.Chat;

/// <summary>
/// A broadcast's chat becomes its recording's danmaku: each message at its moment of the broadcast, measured on the
/// recording (the time between a dropped encoder and its return is not in the recording, so a message sent then lands
/// where the broadcast picked up again, not after the gap). When the broadcast ends, its chat closes.
/// </summary>
public sealed class ChatRecordingTests(ITestOutputHelper output)
{
    /// <summary>How far a danmaku may sit from where the test expects it (segments are 1 s; clocks are the same machine's).</summary>
    private const double ToleranceSeconds = 1.5;

    /// <summary>What the first publisher sends, in seconds of media.</summary>
    private const double FirstRunSeconds = 6;

    /// <summary>How long the encoder stays away: much longer than the tolerance, so a gap counted in would show.</summary>
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_broadcasts_chat_becomes_its_recordings_danmaku_at_the_right_offsets_with_the_reconnect_gap_left_out()
    {
        await using var host = await ChatKit.StartLiveHostAsync(new Dictionary<string, string?> { ["Live:ReconnectWindow"] = "00:00:40" });
        var port = await host.RtmpPortAsync();
        var owner = await host.RegisterAsync("recchat");
        var key = await owner.StreamKeyAsync();
        var alice = await host.RegisterAsync("ralice");
        var bob = await host.RegisterAsync("rbob");
        ChatClient? viewer = null;
        try
        {
            // Run 1: 6 s of media. Its first segment's PROGRAM-DATE-TIME is when its first picture was shown.
            string sessionId;
            DateTimeOffset run1Start;
            JsonElement early, middle, gap, late, deleted;
            string playlistUrl;
            await using (var first = LiveTestKit.Publish(port, key, seconds: FirstRunSeconds))
            {
                sessionId = (await host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;
                (viewer, _) = await host.JoinLiveAsync(null, sessionId, "viewer");
                playlistUrl = $"/live/{owner.Username}/{sessionId}/source/index.m3u8";
                var playlist = await host.WaitForSegmentAsync(playlistUrl, 0);
                playlist.Segments[0].Msn.Should().Be(0);
                run1Start = playlist.Segments[0].ProgramDateTime ?? throw new InvalidOperationException("segment 0 has no PROGRAM-DATE-TIME");

                early = await alice.Client.PostMessageOkAsync(sessionId, "early in the show", "top", "#fe0302");
                await host.WaitForSegmentAsync(playlistUrl, 3);
                middle = await bob.Client.PostMessageOkAsync(sessionId, "a < b & \"quotes\" 🎉", "bottom", "#00cd00");
                (await first.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, first.Stderr);
            }

            // The encoder is away: a message now is said in a moment the recording does not have.
            await host.Client.WaitSessionAsync(owner.Username, s => s.GetProperty("status").GetString() == "reconnecting", "the broadcast waits for its encoder");
            var run1Seconds = await RecordedSecondsAsync(host, playlistUrl);
            gap = await alice.Client.PostMessageOkAsync(sessionId, "said while the encoder was away");
            await viewer.WaitForMessageAsync("said while the encoder was away");
            // The gap itself is the scenario (not a wait for anything): the encoder comes back this much later.
            await Task.Delay(Gap);

            // Run 2: 5 s more; its first segment follows a discontinuity.
            DateTimeOffset run2Start;
            await using (var second = LiveTestKit.Publish(port, key, seconds: 5))
            {
                await host.Client.WaitSessionAsync(owner.Username, s => s.GetProperty("status").GetString() == "live", "the encoder is back");
                LivePlaylist.Segment? resumed = null;
                await Eventually.TrueAsync(async () =>
                {
                    using var response = await host.Client.GetAsync(playlistUrl);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return false;
                    }
                    var parsed = LivePlaylist.Parse(await response.Content.ReadAsStringAsync());
                    var afterBreak = parsed.Segments.SkipWhile(s => !s.Discontinuity).ToList();
                    resumed = afterBreak.FirstOrDefault();
                    return afterBreak.Count(s => s.Complete) >= 2;
                }, "the second run has two segments", LiveTestKit.Patience);
                run2Start = resumed!.ProgramDateTime ?? throw new InvalidOperationException("the resumed segment has no PROGRAM-DATE-TIME");
                (run2Start - run1Start).Should().BeGreaterThan(TimeSpan.FromSeconds(FirstRunSeconds) + Gap - TimeSpan.FromSeconds(1), "the wall clock went on during the gap");

                late = await bob.Client.PostMessageOkAsync(sessionId, "late in the show");
                deleted = await alice.Client.PostMessageOkAsync(sessionId, "deleted before the end");
                (await owner.Client.DeleteAsync($"/api/v1/messages/{deleted.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
                (await second.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, second.Stderr);
            }

            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await host.Client.WaitOfflineAsync(owner.Username);

            // The chat closes with the broadcast: everyone in the room is told, and sends are refused 409 chat.closed.
            (await viewer.WaitForAsync("ended", e => e.Str("sessionId") == sessionId, "the broadcast ended")).Str("sessionId").Should().Be(sessionId);
            using (var closed = await alice.Client.PostMessageAsync(sessionId, "too late"))
            {
                await closed.ShouldBeProblemAsync(HttpStatusCode.Conflict, "chat.closed");
            }
            await using (var aliceClient = await host.ConnectAsync(alice))
            {
                var room = await aliceClient.JoinLiveAsync(sessionId);
                room.GetProperty("canSend").GetBoolean().Should().BeFalse("the chat of an ended broadcast is closed");
                (await aliceClient.SendMessageAsync(sessionId, "too late")).ShouldBeError(409, "chat.closed");
            }
            (await host.Client.MessagesAsync(sessionId, "?limit=100")).GetProperty("items").GetArrayLength().Should().Be(4, "the chat stays readable after the end");

            var video = await owner.WaitRecordingAsync(TimeSpan.FromSeconds(120));
            var videoId = video.GetProperty("id").GetString()!;
            var length = video.GetProperty("durationSeconds").GetDouble();
            var danmaku = await host.Client.DanmakuAsync(videoId);
            danmaku.Select(d => d.Str("text")).Should().BeEquivalentTo(
                ["early in the show", "a < b & \"quotes\" 🎉", "said while the encoder was away", "late in the show"],
                "every message kept becomes danmaku, a deleted one does not");

            var expected = new (JsonElement Message, double Seconds, string Why)[]
            {
                (early, Seconds(early, run1Start), "a message of the first run sits at its moment after the first picture"),
                (middle, Seconds(middle, run1Start), "a message of the first run sits at its moment after the first picture"),
                (gap, run1Seconds, "a message said during the gap lands where the broadcast picked up again, not after the gap"),
                (late, run1Seconds + Seconds(late, run2Start), "a message of the second run sits after the first run, without the gap"),
            };
            var report = string.Join("\n", expected.Select(e =>
                $"{e.Message.Str("text")}: expected {e.Seconds:0.000} s, got {danmaku.Single(d => d.Str("text") == e.Message.Str("text")).GetProperty("offsetMs").GetInt64() / 1000.0:0.000} s"));
            report += $"\nrun 1 {run1Start:O} ({run1Seconds:0.000} s recorded), run 2 {run2Start:O}, video {length:0.000} s";
            output.WriteLine(report);
            foreach (var (message, seconds, why) in expected)
            {
                var item = danmaku.Single(d => d.Str("text") == message.Str("text"));
                (item.GetProperty("offsetMs").GetInt64() / 1000.0).Should().BeApproximately(seconds, ToleranceSeconds, $"{why}\n{report}");
                item.GetProperty("offsetMs").GetInt64().Should().BeInRange(0, (long)(length * 1000) + 1000, "within the video");
                item.Str("mode").Should().Be(message.Str("mode"));
                item.Str("color").Should().Be(message.Str("color"));
                item.GetProperty("author").Str("username").Should().Be(message.GetProperty("author").Str("username"));
                item.Str("videoId").Should().Be(videoId);
            }
            danmaku.Select(d => d.GetProperty("offsetMs").GetInt64()).Should().BeInAscendingOrder();
            length.Should().BeApproximately(FirstRunSeconds + 5, 2.5, "the recording is both runs without the gap");
        }
        finally
        {
            if (viewer is not null)
            {
                await viewer.DisposeAsync();
            }
            await owner.EndQuietlyAsync();
        }
    }

    private static double Seconds(JsonElement message, DateTimeOffset from) => (message.GetProperty("sentAt").GetDateTimeOffset() - from).TotalSeconds;

    /// <summary>
    /// What the recording holds of the first run: its segments' durations (the playlist still lists them all, from
    /// segment 0, while the broadcast waits for its encoder; the last one as parts); what the publisher sent when it does not.
    /// </summary>
    private static async Task<double> RecordedSecondsAsync(TestHost host, string url)
    {
        using var response = await host.Client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return FirstRunSeconds;
        }
        var playlist = LivePlaylist.Parse(await response.Content.ReadAsStringAsync());
        return playlist.Segments.Count > 0 && playlist.Segments[0].Msn == 0
            ? playlist.Segments.Sum(s => s.Complete ? s.Duration!.Value : s.Parts.Sum(p => p.Duration))
            : FirstRunSeconds;
    }
}
