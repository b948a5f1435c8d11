namespace Framecast.Features.Comments;

public sealed record CreateCommentRequest(string? Content);
