using Framecast.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Features.Uploads;

public sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> builder)
    {
        builder.ToTable("uploads");
        builder.HasKey(u => u.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(u => u.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(u => u.IsComplete);
        builder.HasIndex(u => u.ExpiresAt);
        builder.HasIndex(u => u.VideoId);
    }
}
