namespace Framecast.Features.Comments;

/// <param name="ParentId">The comment this one replies to (on the same video), if any.</param>
public sealed record CreateCommentRequest(string? Content, string? ParentId = null);
