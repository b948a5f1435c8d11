namespace Framecast.BrowserTests.Support;

/// <summary>A public, ready video of its own user, made once per run for the tests that only look at pages.</summary>
public sealed record SeededVideo(string Username, string Password, string VideoId, string Title);
