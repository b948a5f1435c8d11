namespace Framecast.Features.Live;

/// <summary>A channel's live settings and its stream key (the RTMP stream name that lets OBS publish as the channel).</summary>
public sealed class LiveChannel
{
    public required string UserId { get; init; }
    public required string StreamKey { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Tags { get; set; } = [];

    /// <summary>Keep each broadcast as a video (the recording; built on in the next live issue).</summary>
    public bool Record { get; set; } = true;

    /// <summary>Why the last publish attempt was refused or cut (codec, key, capacity), for the studio.</summary>
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
