using Dapper;
using Microsoft.Extensions.Options;
using MonitoringCenter.Web.Model;
using MonitoringCenter.Web.Platform;
using Npgsql;

namespace MonitoringCenter.Web.Ingestion;

/// <summary>
/// Stores statistical reports, every version kept, and marks their (statistical year, province)
/// dirty so the read models pick them up where the province has no case-level data.
/// </summary>
public sealed class ReportService(NpgsqlDataSource dataSource, Clock clock, AuditLog audit, IOptions<IngestionOptions> options)
{
    private sealed record Line(short Category, int CasesToEnforce, int CasesWithConditions, int CasesCompleted,
        long MoneyToEnforce, long MoneyWithConditions, long MoneyCollected);

    /// <summary>Validates and stores <paramref name="report"/>; nothing is written unless it is valid and the caller may write its province.</summary>
    public async Task<ReportResult> SubmitAsync(StatisticalReport? report, IngestionCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var check = new Validation();
        if (report is null)
        {
            check.Add("body", "a report is required");
            return Invalid(check);
        }
        var province = check.Province("province", report.Province);
        var office = report.Office is null ? null : check.Office("office", report.Office, province);
        DateOnly? periodEnd = null;
        if (report.StatYear is not { } year)
        {
            check.Add("statYear", "is required");
        }
        else if (year < options.Value.EarliestYear || year > clock.CurrentYear.Year)
        {
            check.Add("statYear", $"must be between {options.Value.EarliestYear} and {clock.CurrentYear.Year}");
        }
        else
        {
            var statisticalYear = clock.Year(year);
            if ((report.Months is null) == (report.PeriodEnd is null))
            {
                check.Add("months", "give either months (1..12) or periodEnd");
            }
            else if (report.Months is { } months)
            {
                if (months is < 1 or > 12)
                {
                    check.Add("months", "must be 1..12");
                }
                else
                {
                    periodEnd = statisticalYear.Start.AddMonths(months).AddDays(-1);
                }
            }
            else if (!Validation.TryParseDate(report.PeriodEnd, out var end))
            {
                check.Add("periodEnd", "must be a date (yyyy-MM-dd)");
            }
            else if (!statisticalYear.Contains(end))
            {
                check.Add("periodEnd", $"must lie inside statistical year {year} ({statisticalYear.Start:yyyy-MM-dd}..{statisticalYear.End:yyyy-MM-dd})");
            }
            else
            {
                periodEnd = end;
            }
        }
        short version = report.Version switch
        {
            "preliminary" => 1,
            "official" => 2,
            _ => 0,
        };
        if (version == 0)
        {
            check.Add("version", "must be preliminary or official");
        }
        var lines = new List<Line>();
        if (report.Categories is not { Count: > 0 and <= 4 } categories)
        {
            check.Add("categories", "must list 1 to 4 categories");
        }
        else
        {
            for (var i = 0; i < categories.Count; i++)
            {
                if (ValidateLine(check, $"categories[{i}]", categories[i]) is { } line)
                {
                    if (lines.Any(l => l.Category == line.Category))
                    {
                        check.Add($"categories[{i}].category", "appears twice");
                    }
                    lines.Add(line);
                }
            }
        }
        if (check.HasErrors || province is null || periodEnd is null)
        {
            return Invalid(check);
        }
        if (!caller.MayWrite(province))
        {
            await audit.WriteAsync(caller.Actor, "ingest.forbidden", province, new { endpoint = "reports", provinces = new[] { province } },
                caller.RemoteIp, province, cancellationToken: cancellationToken);
            return new ReportResult(ReportStatus.Forbidden, null, false, null, new Dictionary<string, string[]>(), [province]);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { year = (short)report.StatYear!.Value, province, office, periodEnd, version, keyId = caller.ApiKeyId, actor = caller.Actor };
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into statistical_report (stat_year, province_code, office_code, period_end, version, api_key_id, actor)
            values (@year, @province, @office, @periodEnd, @version, @keyId, @actor) returning id
            """, parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"""
            insert into statistical_report_line (report_id, category, {IndicatorColumns.List})
            values (@id, @Category, @CasesToEnforce, @CasesWithConditions, @CasesCompleted, @MoneyToEnforce, @MoneyWithConditions, @MoneyCollected)
            """, lines.Select(l => new { id, l.Category, l.CasesToEnforce, l.CasesWithConditions, l.CasesCompleted, l.MoneyToEnforce, l.MoneyWithConditions, l.MoneyCollected }),
            transaction, cancellationToken: cancellationToken));
        var effective = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from report_effective where id = @id)
            """, new { id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into refresh_dirty (stat_year, province_code, from_day) values (@year, @province, @periodEnd)
            on conflict (stat_year, province_code) do update set mark = nextval('refresh_mark_seq'),
                from_day = case when refresh_dirty.from_day is null or excluded.from_day is null then null
                                else least(refresh_dirty.from_day, excluded.from_day) end
            """, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReportResult(ReportStatus.Stored, id, effective, periodEnd, new Dictionary<string, string[]>(), []);
    }

    private static ReportResult Invalid(Validation check) => new(ReportStatus.Invalid, null, false, null, check.Errors(), []);

    private static Line? ValidateLine(Validation check, string at, ReportCategory? line)
    {
        if (line is null)
        {
            check.Add(at, "must be an object");
            return null;
        }
        Category? category = null;
        if (line.Category is null || !WireNames.Categories.TryGetValue(line.Category, out var c))
        {
            check.Add($"{at}.category", $"must be one of {string.Join(", ", WireNames.Categories.Keys)}");
        }
        else
        {
            category = c;
        }
        var cases = Count(check, $"{at}.casesToEnforce", line.CasesToEnforce);
        var casesWith = Count(check, $"{at}.casesWithConditions", line.CasesWithConditions);
        var completed = Count(check, $"{at}.casesCompleted", line.CasesCompleted);
        var money = check.Amount($"{at}.moneyToEnforce", line.MoneyToEnforce, required: true);
        var moneyWith = check.Amount($"{at}.moneyWithConditions", line.MoneyWithConditions, required: true);
        var collected = check.Amount($"{at}.moneyCollected", line.MoneyCollected, required: true);
        if (casesWith > cases)
        {
            check.Add($"{at}.casesWithConditions", "must not exceed casesToEnforce");
        }
        if (completed > casesWith)
        {
            check.Add($"{at}.casesCompleted", "must not exceed casesWithConditions");
        }
        if (moneyWith > money)
        {
            check.Add($"{at}.moneyWithConditions", "must not exceed moneyToEnforce");
        }
        if (collected > moneyWith)
        {
            check.Add($"{at}.moneyCollected", "must not exceed moneyWithConditions");
        }
        return category is { } k && cases is { } n && casesWith is { } w && completed is { } d && money is { } m && moneyWith is { } mw && collected is { } mc
            ? new Line((short)k, n, w, d, m, mw, mc)
            : null;
    }

    private static int? Count(Validation check, string field, long? value)
    {
        if (value is null)
        {
            check.Add(field, "is required");
            return null;
        }
        if (value is < 0 or > 10_000_000)
        {
            check.Add(field, "must be a whole number between 0 and 10000000");
            return null;
        }
        return (int)value;
    }
}
