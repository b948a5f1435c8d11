using Framecast.Features.Live.Rtmp;

namespace Framecast.Tests.Features.Live;

public sealed class Amf0Tests
{
    [Fact]
    public void A_connect_command_round_trips()
    {
        var command = new Dictionary<string, object?> { ["app"] = "live", ["type"] = "nonprivate", ["tcUrl"] = "rtmp://127.0.0.1:1935/live", ["fpad"] = false };

        var values = Amf0.ReadAll(Amf0.Write("connect", 1, command, null));

        values.Should().HaveCount(4);
        values[0].Should().Be("connect");
        values[1].Should().Be(1.0);
        values[2].Should().BeEquivalentTo(command);
        values[3].Should().BeNull();
    }

    [Fact]
    public void Metadata_as_ffmpeg_sends_it_ecma_array_strict_array_date_and_long_string()
    {
        byte[] bytes =
        [
            0x02, 0x00, 0x0A, .. "onMetaData"u8,
            0x08, 0x00, 0x00, 0x00, 0x02,
            0x00, 0x05, .. "width"u8, 0x00, 0x40, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x07, .. "encoder"u8, 0x0C, 0x00, 0x00, 0x00, 0x03, .. "obs"u8,
            0x00, 0x00, 0x09,
            0x0A, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01, 0x06,
            0x0B, 0x42, 0x78, 0x8B, 0x4A, 0x66, 0x60, 0x00, 0x00, 0x00, 0x00,
        ];

        var values = Amf0.ReadAll(bytes);

        values[0].Should().Be("onMetaData");
        values[1].Should().BeEquivalentTo(new Dictionary<string, object?> { ["width"] = 1280.0, ["encoder"] = "obs" });
        values[2].Should().BeEquivalentTo(new object?[] { true, null });
        values[3].Should().BeOfType<DateTime>();
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x40 }, "past the end")]
    [InlineData(new byte[] { 0x02, 0x00, 0x05, 0x61 }, "past the end")]
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF }, "over the limit")]
    [InlineData(new byte[] { 0x11 }, "Unsupported")]
    public void Broken_values_are_protocol_errors(byte[] bytes, string reason)
    {
        var read = () => Amf0.ReadAll(bytes);

        read.Should().Throw<RtmpProtocolException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var bytes = Enumerable.Repeat(new byte[] { 0x0A, 0, 0, 0, 1 }, 40).SelectMany(b => b).Append((byte)0x05).ToArray();

        var read = () => Amf0.ReadAll(bytes);

        read.Should().Throw<RtmpProtocolException>().WithMessage("*too deep*");
    }
}
