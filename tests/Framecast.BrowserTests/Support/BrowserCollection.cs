namespace Framecast.BrowserTests.Support;

/// <summary>
/// All browser tests share one server and one browser, and run one after another: on two cores a second test's
/// uploads and ffmpeg work would only slow the first one down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<FramecastFixture>
{
    public const string Name = "browser";
}
