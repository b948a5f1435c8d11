using System.Text;
using Framecast.Features.Accounts;
using Framecast.Features.Comments;
using Framecast.Features.Uploads;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Infrastructure.Data;

public sealed class FramecastDbContext(DbContextOptions<FramecastDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();
    public DbSet<Video> Videos => Set<Video>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Upload> Uploads => Set<Upload>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FramecastDbContext).Assembly);
        var sqlite = Database.IsSqlite();
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                // The hand-written migrations use snake_case for both providers.
                property.SetColumnName(ToSnakeCase(property.Name));
                if (sqlite && (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?)))
                {
                    // Integer microseconds sort and compare exactly in SQLite; its TEXT dates do not round-trip Kind.
                    property.SetValueConverter(UtcMicrosecondsConverter.Instance);
                }
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
