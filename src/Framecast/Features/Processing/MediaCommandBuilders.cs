using Framecast.Infrastructure.Media;

namespace Framecast.Features.Processing;

/// <summary>The argument builders the pipeline uses, grouped so <see cref="MediaCommands"/> stays within five dependencies.</summary>
public sealed record MediaCommandBuilders(
    HlsLadderCommandBuilder Hls,
    RemuxCommandBuilder Remux,
    ThumbnailCommandBuilder Thumbnail,
    StoryboardCommandBuilder Storyboard);
