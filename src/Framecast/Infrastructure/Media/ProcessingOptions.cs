using System.ComponentModel.DataAnnotations;

namespace Framecast.Infrastructure.Media;

public sealed class ProcessingOptions : IValidatableObject
{
    public const string Section = "Processing";

    public static readonly IReadOnlyList<string> DefaultLadder = ["1080p", "720p", "480p", "360p", "240p"];

    /// <summary>
    /// Rendition names from <see cref="LadderRung.Known"/>, e.g. <c>["720p","360p"]</c>; null means <see cref="DefaultLadder"/>.
    /// Not pre-filled: the configuration binder appends configured items to a pre-filled collection instead of replacing it.
    /// </summary>
    public string[]? Ladder { get; set; }

    /// <summary>HLS segment length; also the keyframe interval, so every segment starts with one.</summary>
    [Range(1, 30)]
    public int SegmentSeconds { get; set; } = 4;

    /// <summary>An encode that reports no progress for this long is killed as hung.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>x264 preset: slower ones shrink files a little at a large CPU cost.</summary>
    [AllowedValues("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")]
    public string Preset { get; set; } = "veryfast";

    /// <summary>Longest source processed; longer ones fail at once with <c>media.unsupported</c>. Default 6 hours.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int MaxDurationSeconds { get; set; } = 6 * 3600;

    /// <summary>Largest source frame in pixels (width × height). Default 8192 × 4320 (8K).</summary>
    [Range(64 * 64, 1L << 30)]
    public long MaxPixels { get; set; } = 8192L * 4320;

    /// <summary>Highest source frame rate accepted (output is at most 60 fps either way).</summary>
    [Range(1, 1000)]
    public int MaxFrameRate { get; set; } = 240;

    /// <summary>Copy a source that already is the top rendition instead of encoding it again (see TopRungCopy).</summary>
    public bool CopyTopRung { get; set; } = true;

    public IReadOnlyList<LadderRung> ResolveLadder() =>
        [.. (Ladder is { Length: > 0 } ? Ladder : DefaultLadder).Select(name => LadderRung.Find(name) ?? throw new InvalidOperationException($"Unknown rendition '{name}' in Processing:Ladder"))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in (Ladder ?? []).Where(n => LadderRung.Find(n ?? "") is null))
        {
            yield return new ValidationResult(
                $"Unknown rendition '{name}'; use {string.Join(", ", LadderRung.Known.Select(r => r.Name))}.", [nameof(Ladder)]);
        }
    }
}
