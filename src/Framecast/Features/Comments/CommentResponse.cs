using Framecast.Features.Accounts;

namespace Framecast.Features.Comments;

public sealed record CommentResponse(string Id, string VideoId, string Content, UserSummary Author, DateTime CreatedAt, string? ParentId);
