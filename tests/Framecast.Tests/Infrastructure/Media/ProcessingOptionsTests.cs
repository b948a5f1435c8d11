using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Media.Encoders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Framecast.Tests.Infrastructure.Media;

public sealed class ProcessingOptionsTests
{
    [Fact]
    public void Defaults_resolve_the_default_ladder()
    {
        var options = Resolve([]);

        options.ResolveLadder().Select(r => (r.Name, r.ShortSide, r.VideoKbps, r.AudioKbps)).Should().Equal(
            ("1080p", 1080, 5000, 128), ("720p", 720, 2800, 128), ("480p", 480, 1400, 96), ("360p", 360, 800, 96), ("240p", 240, 400, 64));
        (options.SegmentSeconds, options.StallTimeout, options.Preset).Should().Be((4, TimeSpan.FromMinutes(2), "veryfast"));
    }

    [Fact]
    public void A_configured_ladder_replaces_the_default_rather_than_appending()
    {
        var options = Resolve(new() { ["Processing:Ladder:0"] = "720p", ["Processing:Ladder:1"] = "360p", ["Processing:Preset"] = "fast" });

        options.Ladder.Should().Equal("720p", "360p");
        options.Preset.Should().Be("fast");
    }

    [Theory]
    [InlineData("Processing:Ladder:0", "999p")]
    [InlineData("Processing:Preset", "warp")]
    [InlineData("Processing:SegmentSeconds", "0")]
    [InlineData("Processing:StallTimeout", "00:00:01")]
    public void Bad_settings_fail_validation(string key, string value)
    {
        var act = () => Resolve(new() { [key] = value });

        act.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void Registration_resolves_every_media_service()
    {
        using var provider = Services([]);

        provider.GetRequiredService<IFfmpegRunner>().Should().BeOfType<FfmpegRunner>();
        provider.GetRequiredService<IVideoEncoder>().Should().BeOfType<SoftwareEncoder>();
        provider.GetRequiredService<FfprobeClient>().Should().NotBeNull();
        provider.GetRequiredService<LadderPlanner>().Should().NotBeNull();
        provider.GetRequiredService<HlsLadderCommandBuilder>().Should().NotBeNull();
        provider.GetRequiredService<RemuxCommandBuilder>().Should().NotBeNull();
        provider.GetRequiredService<ThumbnailCommandBuilder>().Should().NotBeNull();
        provider.GetRequiredService<StoryboardCommandBuilder>().Should().NotBeNull();
        provider.GetRequiredService<EncoderCheck>().Should().NotBeNull();
    }

    private static ProcessingOptions Resolve(Dictionary<string, string?> settings)
    {
        using var provider = Services(settings);
        return provider.GetRequiredService<IOptions<ProcessingOptions>>().Value;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddFramecastMedia();
        return services.BuildServiceProvider();
    }
}
