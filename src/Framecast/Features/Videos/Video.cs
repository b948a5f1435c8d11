namespace Framecast.Features.Videos;

public sealed class Video
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public Visibility Visibility { get; set; } = Visibility.Public;
    public VideoStatus Status { get; set; } = VideoStatus.Uploading;
    public ProcessingStage? Stage { get; set; }
    public int Progress { get; set; }
    public bool Playable { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public double? DurationSeconds { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public bool HasThumbnail { get; set; }
    public List<Rendition> Renditions { get; set; } = [];
    public long Views { get; set; }

    /// <summary>Kept exact by Social in the transaction of each like row (see <see cref="VideosService.AddLikesAsync"/>).</summary>
    public long LikeCount { get; set; }

    /// <summary>When the video first was both ready and public (followers hear of it then, once); null until it has been.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>Burn the channel's watermark in, if it has one (the uploader may opt out).</summary>
    public bool Watermark { get; set; } = true;

    /// <summary>Why it is held back from everyone but its owner and admins (<see cref="ModerationHolds"/> bits); 0 when not.</summary>
    public int ModerationHold { get; set; }
    public DateTime? TakenDownAt { get; set; }
    public string? TakedownReason { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
