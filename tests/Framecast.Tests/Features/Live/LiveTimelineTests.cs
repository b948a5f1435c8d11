using Framecast.Features.Live.Recordings;

namespace Framecast.Tests.Features.Live;

/// <summary>A moment of a broadcast to a point of its recording, which is its transcoder runs end to end.</summary>
public sealed class LiveTimelineTests
{
    private static readonly DateTime Start = new(2026, 11, 24, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void One_run_maps_moments_by_their_distance_from_its_first_picture()
    {
        var timeline = new LiveTimeline([new LiveRun(Start, 60)]);

        timeline.OffsetMsOf(Start).Should().Be(0);
        timeline.OffsetMsOf(Start.AddSeconds(12.345)).Should().Be(12_345);
        timeline.OffsetMsOf(Start.AddSeconds(-3)).Should().Be(0, "a message before the first picture shows at the start");
        timeline.OffsetMsOf(Start.AddSeconds(90)).Should().Be(60_000, "a message after the last picture shows at the end");
    }

    [Fact]
    public void A_reconnect_gap_is_left_out_and_a_message_sent_during_it_lands_where_the_next_run_begins()
    {
        // 30 s, a 20 s drop, then 40 s.
        var timeline = new LiveTimeline([new LiveRun(Start, 30), new LiveRun(Start.AddSeconds(50), 40)]);

        timeline.TotalSeconds.Should().Be(70);
        timeline.OffsetMsOf(Start.AddSeconds(29)).Should().Be(29_000);
        timeline.OffsetMsOf(Start.AddSeconds(40)).Should().Be(30_000, "during the gap");
        timeline.OffsetMsOf(Start.AddSeconds(50)).Should().Be(30_000);
        timeline.OffsetMsOf(Start.AddSeconds(65)).Should().Be(45_000, "15 s into the second run, after the first run's 30 s");
        timeline.OffsetMsOf(Start.AddSeconds(200)).Should().Be(70_000);
    }

    [Fact]
    public async Task A_run_is_saved_whole_and_read_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"run-{Guid.NewGuid():N}.json");
        try
        {
            await new LiveRun(Start, 12.5).SaveAsync(path);
            LiveRun.Load(path).Should().Be(new LiveRun(Start, 12.5));
            File.WriteAllText(path, "{ not json");
            LiveRun.Load(path).Should().BeNull("a damaged file costs the offsets, not the recording");
            LiveRun.Load(path + ".missing").Should().BeNull();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
