namespace Framecast.Features.Comments;

public sealed class Comment
{
    public required string Id { get; init; }
    public required string VideoId { get; init; }
    public required string AuthorId { get; init; }
    public required string Content { get; init; }

    /// <summary>The comment (on the same video) this one replies to; null for a top-level comment or once the parent is deleted.</summary>
    public string? ParentId { get; init; }
    public DateTime CreatedAt { get; init; }
}
