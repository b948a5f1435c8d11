namespace Framecast.Features.Comments;

public sealed class Comment
{
    public required string Id { get; init; }
    public required string VideoId { get; init; }
    public required string AuthorId { get; init; }
    public required string Content { get; init; }
    public DateTime CreatedAt { get; init; }
}
