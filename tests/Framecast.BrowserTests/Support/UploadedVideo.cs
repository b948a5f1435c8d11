namespace Framecast.BrowserTests.Support;

/// <summary>A video uploaded through the page: its id (from the "Watch" link) and the title the uploader gave it.</summary>
public sealed record UploadedVideo(string Id, string Title);
