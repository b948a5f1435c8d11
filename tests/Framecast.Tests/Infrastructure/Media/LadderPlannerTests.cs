using Framecast.Infrastructure.Media;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class LadderPlannerTests
{
    private static readonly IReadOnlyList<LadderRung> DefaultLadder = new ProcessingOptions().ResolveLadder();

    [Fact]
    public void A_1080p_source_gets_the_whole_default_ladder()
    {
        var rungs = new LadderPlanner().Plan(1920, 1080, DefaultLadder);

        rungs.Should().Equal(
            new PlannedRung("1080p", 1920, 1080, 5000, 128),
            new PlannedRung("720p", 1280, 720, 2800, 128),
            new PlannedRung("480p", 854, 480, 1400, 96),
            new PlannedRung("360p", 640, 360, 800, 96),
            new PlannedRung("240p", 426, 240, 400, 64));
    }

    [Fact]
    public void A_portrait_source_is_planned_by_its_short_side()
    {
        var rungs = new LadderPlanner().Plan(1080, 1920, DefaultLadder);

        rungs.Select(r => (r.Name, r.Width, r.Height)).Should().Equal(
            ("1080p", 1080, 1920), ("720p", 720, 1280), ("480p", 480, 854), ("360p", 360, 640), ("240p", 240, 426));
    }

    [Fact]
    public void Nothing_is_upscaled_and_a_4k_source_tops_out_at_the_largest_rung()
    {
        new LadderPlanner().Plan(1280, 720, DefaultLadder).Select(r => r.Name).Should().Equal("720p", "480p", "360p", "240p");
        new LadderPlanner().Plan(3840, 2160, DefaultLadder)[0].Should().Be(new PlannedRung("1080p", 1920, 1080, 5000, 128));
    }

    [Fact]
    public void Odd_sources_get_even_dimensions_no_wider_than_the_source()
    {
        var rungs = new LadderPlanner().Plan(853, 481, DefaultLadder);

        rungs.Select(r => (r.Width, r.Height)).Should().Equal((852, 480), (638, 360), (426, 240));
        rungs.Should().OnlyContain(r => r.Width % 2 == 0 && r.Height % 2 == 0);
    }

    [Fact]
    public void A_source_below_the_smallest_rung_gets_one_rung_at_its_own_size()
    {
        var rungs = new LadderPlanner().Plan(321, 181, DefaultLadder);

        rungs.Should().Equal(new PlannedRung("180p", 320, 180, 400, 64));
    }

    [Fact]
    public void Aspect_ratio_is_kept_for_wide_and_tall_sources()
    {
        new LadderPlanner().Plan(2560, 1080, DefaultLadder)[1].Should().Be(new PlannedRung("720p", 1706, 720, 2800, 128));
        new LadderPlanner().Plan(480, 640, DefaultLadder)[0].Should().Be(new PlannedRung("480p", 480, 640, 1400, 96));
    }
}
