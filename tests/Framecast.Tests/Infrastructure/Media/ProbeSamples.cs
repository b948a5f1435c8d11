namespace Framecast.Tests.Infrastructure.Media;

/// <summary>Captured ffprobe output, kept as data in <c>TestData/*.json</c> (see its README for what each one is).</summary>
internal static class ProbeSamples
{
    public static string Landscape720p => Read("probe-720p");

    public static string NoAudio => Read("probe-no-audio");

    public static string RotatedPhone => Read("probe-rotated-phone");

    public static string TenBitHdr => Read("probe-ten-bit-hdr");

    private static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Media", "TestData", $"{name}.json"));
}
