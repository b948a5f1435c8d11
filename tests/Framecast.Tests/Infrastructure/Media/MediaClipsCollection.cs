namespace Framecast.Tests.Infrastructure.Media;

/// <summary>One collection, so ffmpeg tests run one at a time: the build machine has two cores and shares them.</summary>
[CollectionDefinition(Name)]
public sealed class MediaClipsCollection : ICollectionFixture<MediaClipsFixture>
{
    public const string Name = "ffmpeg";
}
