using System.Globalization;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>Encoders configured the way broadcasters leave them: keyframes too far apart, a stream name with a query.</summary>
public sealed class LiveIngestTests(LiveHostFixture fixture) : IClassFixture<LiveHostFixture>
{
    [Fact]
    public async Task Keyframes_three_seconds_apart_keep_segments_within_the_target_duration_and_warn_the_owner()
    {
        var owner = await fixture.Host.RegisterAsync("longgop");
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, await owner.StreamKeyAsync(), inputAndCodecs:
        [
            "-f", "lavfi", "-i", $"testsrc2=size={LiveTestKit.SourceSize}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "90", "-sc_threshold", "0", "-b:v", "300k", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "64k",
        ]);
        var urls = await fixture.Host.MediaPlaylistUrlsAsync(owner.Username);

        foreach (var url in urls.Values)
        {
            var playlist = await fixture.Host.WaitForSegmentAsync(url, 2);
            playlist.Segments.Where(s => s.Complete).Should().HaveCountGreaterOrEqualTo(3);
            foreach (var segment in playlist.Segments.Where(s => s.Complete))
            {
                Math.Round(segment.Duration!.Value, MidpointRounding.AwayFromZero).Should().BeLessOrEqualTo(playlist.TargetDuration,
                    $"{url} {segment.Uri} ({segment.Duration.Value.ToString(CultureInfo.InvariantCulture)} s) fits TARGETDURATION although GOPs are 3 s");
            }
            playlist.Parts.Should().OnlyContain(p => p.Duration <= playlist.PartTarget);
            var independent = playlist.Parts.Where(p => p.Independent).Select(p => LivePlaylist.PartNumber(p.Uri)).ToList();
            independent.Zip(independent.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap >= 12, $"{url}: only the keyframes, every 3 s, make independent parts");
        }
        await Eventually.TrueAsync(async () =>
        {
            var health = (await owner.BroadcastAsync())!.Value.GetProperty("health");
            return health.GetProperty("warnings").GetArrayLength() > 0;
        }, "the owner is warned about the keyframe interval");
        var warned = (await owner.BroadcastAsync())!.Value.GetProperty("health");
        warned.GetProperty("keyframeIntervalSeconds").GetDouble().Should().BeApproximately(3.0, 0.1);
        warned.GetProperty("warnings")[0].GetString().Should().Contain("Keyframe Interval");
    }

    [Fact]
    public async Task A_stream_name_with_a_query_after_the_key_publishes()
    {
        var owner = await fixture.Host.RegisterAsync("query");

        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, $"{await owner.StreamKeyAsync()}?bandwidthtest=false");

        await fixture.Host.WaitForMasterAsync(owner.Username);
        publisher.HasExited.Should().BeFalse();
    }
}
