using ConsultDesk.Common;
using ConsultDesk.Common.Http;
using ConsultDesk.Data;
using ConsultDesk.Domain;
using ConsultDesk.Mail;
using ConsultDesk.Resources;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsultDesk.Features.Inquiries;

/// <summary>Public intake: stores a new case and, in the same transaction, its acknowledgement mail.</summary>
public static class SubmitInquiry
{
    public sealed record Command : ICommand<Response>, IPublicMessage
    {
        public InquirerType? InquirerType { get; init; }
        public OrganizationInput? Organization { get; init; }
        public ContactInput? Contact { get; init; }
        public string? PrefectureCode { get; init; }
        /// <summary>Where the inquirer is (optional); its prefecture is <see cref="PrefectureCode"/>.</summary>
        public AddressInput? Address { get; init; }
        public IReadOnlyList<string>? Topics { get; init; }
        public ContactChannel? PreferredChannel { get; init; }
        public IReadOnlyList<SlotInput>? PreferredSlots { get; init; }
        public InquiryLanguage? Language { get; init; }
        public string? Subject { get; init; }
        public string? Message { get; init; }
        public bool? PrivacyConsent { get; init; }

        /// <summary>Set by the host, not by the body: which door the inquiry came through.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IntakeSource Source { get; init; } = IntakeSource.Api;

        /// <summary>
        /// The command as every door validates it (<see cref="FormInput"/>): full-width digits, letters and spaces,
        /// hyphen-like dashes in phone and postal codes, surrounding blanks. The web form and the API both send this.
        /// </summary>
        public Command Normalized() => this with
        {
            PrefectureCode = FormInput.Code(PrefectureCode),
            Organization = Organization is null ? null : Organization with
            {
                Name = FormInput.Text(Organization.Name),
                NameKana = FormInput.Text(Organization.NameKana),
                Department = FormInput.Text(Organization.Department),
                LocalGovernmentCode = FormInput.Code(Organization.LocalGovernmentCode),
                Industry = FormInput.Code(Organization.Industry),
            },
            Contact = Contact is null ? null : Contact with
            {
                FamilyName = FormInput.Text(Contact.FamilyName),
                GivenName = FormInput.Text(Contact.GivenName),
                FamilyNameKana = FormInput.Text(Contact.FamilyNameKana),
                GivenNameKana = FormInput.Text(Contact.GivenNameKana),
                Email = FormInput.Email(Contact.Email),
                Phone = FormInput.Phone(Contact.Phone),
                Title = FormInput.Text(Contact.Title),
            },
            Address = Address is null ? null : Address with
            {
                PostalCode = FormInput.PostalCode(Address.PostalCode),
                Municipality = FormInput.Text(Address.Municipality),
                Street = FormInput.Text(Address.Street),
                Building = FormInput.Text(Address.Building),
            },
            Topics = Topics?.Select(t => FormInput.Code(t) ?? "").ToList(),
            Subject = FormInput.Text(Subject),
            Message = FormInput.Multiline(Message),
        };
    }

    public sealed record AddressInput
    {
        /// <summary>Seven digits, with or without the hyphen.</summary>
        public string? PostalCode { get; init; }
        /// <summary>市区町村.</summary>
        public string? Municipality { get; init; }
        /// <summary>町域・番地.</summary>
        public string? Street { get; init; }
        /// <summary>建物名・部屋番号.</summary>
        public string? Building { get; init; }
    }

    public sealed record OrganizationInput
    {
        public string? Name { get; init; }
        public string? NameKana { get; init; }
        public string? Department { get; init; }
        public string? LocalGovernmentCode { get; init; }
        public string? Industry { get; init; }
        public int? Employees { get; init; }
    }

    public sealed record ContactInput
    {
        public string? FamilyName { get; init; }
        public string? GivenName { get; init; }
        public string? FamilyNameKana { get; init; }
        public string? GivenNameKana { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Title { get; init; }
    }

    public sealed record SlotInput(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

    public sealed record Response(string Reference, CaseStatus Status, DateTime SubmittedAt);

    public const int MaxSlots = 5;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.InquirerType).NotNull().WithMessage(_ => Texts.InquirerTypeRequired);
            RuleFor(c => c.PrefectureCode).Must(Prefecture.IsValidCode).WithMessage(_ => Texts.Prefecture);

            RuleFor(c => c.Organization).NotNull()
                .When(c => c.InquirerType is Domain.InquirerType.Municipality or Domain.InquirerType.Company)
                .WithMessage(_ => Texts.OrganizationRequired);
            When(c => c.Organization is not null, () =>
            {
                RuleFor(c => c.Organization!.Name).SingleLine(200, () => Texts.FieldOrganizationName)
                    .NotEmpty().When(c => c.InquirerType is Domain.InquirerType.Municipality or Domain.InquirerType.Company)
                    .WithMessage(_ => Texts.OrganizationRequired);
                RuleFor(c => c.Organization!.NameKana).SingleLine(200, () => Texts.FieldOrganizationNameKana)
                    .Must(BeKatakanaWhenGiven).WithMessage(_ => string.Format(Texts.Katakana, Texts.FieldOrganizationNameKana));
                RuleFor(c => c.Organization!.Department).SingleLine(200, () => Texts.FieldDepartment);
                RuleFor(c => c.Organization!.Industry).Must(i => i is null || Domain.Industry.IsKnown(i)).WithMessage(_ => Texts.Industry);
                RuleFor(c => c.Organization!.Employees).InclusiveBetween(0, 10_000_000).WithMessage(_ => Texts.Employees);
                RuleFor(c => c.Organization!.LocalGovernmentCode)
                    .Must(code => string.IsNullOrEmpty(code) || LocalGovernmentCode.IsValid(code)).WithMessage(_ => Texts.LocalGovernmentCodeFormat)
                    .Must((c, code) => string.IsNullOrEmpty(code) || !LocalGovernmentCode.IsValid(code) || code[..2] == c.PrefectureCode)
                    .WithMessage(_ => Texts.LocalGovernmentCodePrefecture);
            });
            RuleFor(c => c.Organization!.LocalGovernmentCode).NotEmpty()
                .When(c => c.InquirerType == Domain.InquirerType.Municipality && c.Organization is not null)
                .WithMessage(_ => Texts.LocalGovernmentCodeRequired);

            RuleFor(c => c.Contact).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldContact));
            When(c => c.Contact is not null, () =>
            {
                RuleFor(c => c.Contact!.FamilyName).Required(() => Texts.FieldFamilyName).SingleLine(50, () => Texts.FieldFamilyName);
                RuleFor(c => c.Contact!.GivenName).Required(() => Texts.FieldGivenName).SingleLine(50, () => Texts.FieldGivenName);
                // Readings are asked of everyone writing in Japanese; in English they are optional, but still katakana when given.
                RuleFor(c => c.Contact!.FamilyNameKana).Required(() => Texts.FieldFamilyNameKana).When(c => c.Language != InquiryLanguage.En);
                RuleFor(c => c.Contact!.FamilyNameKana).SingleLine(50, () => Texts.FieldFamilyNameKana)
                    .Must(BeKatakanaWhenGiven).WithMessage(_ => string.Format(Texts.Katakana, Texts.FieldFamilyNameKana));
                RuleFor(c => c.Contact!.GivenNameKana).Required(() => Texts.FieldGivenNameKana).When(c => c.Language != InquiryLanguage.En);
                RuleFor(c => c.Contact!.GivenNameKana).SingleLine(50, () => Texts.FieldGivenNameKana)
                    .Must(BeKatakanaWhenGiven).WithMessage(_ => string.Format(Texts.Katakana, Texts.FieldGivenNameKana));
                RuleFor(c => c.Contact!.Email).Required(() => Texts.FieldEmail).SingleLine(254, () => Texts.FieldEmail)
                    .Must(e => e is null || EmailAddress.IsValid(e)).WithMessage(_ => Texts.Email);
                RuleFor(c => c.Contact!.Phone).SingleLine(30, () => Texts.FieldPhone)
                    .Must(p => string.IsNullOrWhiteSpace(p) || JapaneseText.IsJapanesePhone(JapaneseText.NormalizePhone(p))).WithMessage(_ => Texts.Phone);
                RuleFor(c => c.Contact!.Phone).NotEmpty().When(c => c.PreferredChannel == ContactChannel.Phone)
                    .WithMessage(_ => Texts.PhoneRequiredForPhoneChannel);
                RuleFor(c => c.Contact!.Title).SingleLine(100, () => Texts.FieldTitle);
            });

            When(c => c.Address is not null, () =>
            {
                RuleFor(c => c.Address!.PostalCode).Must(p => string.IsNullOrWhiteSpace(p) || FormInput.PostalCodeDigits(p) is not null)
                    .WithMessage(_ => Texts.PostalCodeFormat);
                RuleFor(c => c.Address!.Municipality).SingleLine(100, () => Texts.FieldAddressMunicipality);
                RuleFor(c => c.Address!.Street).SingleLine(200, () => Texts.FieldAddressStreet);
                RuleFor(c => c.Address!.Building).SingleLine(200, () => Texts.FieldAddressBuilding);
            });

            RuleFor(c => c.Topics).NotEmpty().WithMessage(_ => Texts.TopicsRequired);
            RuleForEach(c => c.Topics).Must(Topic.IsKnown).WithMessage(_ => Texts.TopicUnknown);
            RuleFor(c => c.PreferredChannel).NotNull().WithMessage(_ => Texts.ChannelRequired);

            RuleFor(c => c.PreferredSlots).Must(s => s is null || s.Count <= MaxSlots).WithMessage(_ => string.Format(Texts.SlotCount, MaxSlots));
            RuleForEach(c => c.PreferredSlots).ChildRules(slot =>
            {
                slot.RuleFor(s => s!.StartsAt).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldPreferredSlots))
                    .Must(start => start is null || start > clock.GetUtcNow()).WithMessage(_ => Texts.SlotPast);
                slot.RuleFor(s => s!.EndsAt).NotNull().WithMessage(_ => string.Format(Texts.Required, Texts.FieldPreferredSlots))
                    .Must((s, end) => end is null || s!.StartsAt is null || end > s.StartsAt).WithMessage(_ => Texts.SlotOrder)
                    .Must((s, end) => end is null || s!.StartsAt is null || end - s.StartsAt <= TimeSpan.FromDays(1)).WithMessage(_ => Texts.SlotLength);
            }).OverridePropertyName("PreferredSlots");

            RuleFor(c => c.Subject).Required(() => Texts.FieldSubject).SingleLine(200, () => Texts.FieldSubject);
            RuleFor(c => c.Message).Required(() => Texts.FieldMessage)
                .Must(m => m is null || JapaneseText.TextLength(m) <= 10_000).WithMessage(_ => string.Format(Texts.TooLong, Texts.FieldMessage, 10_000))
                .Must(JapaneseText.IsCleanMultiline).WithMessage(_ => string.Format(Texts.ControlCharacters, Texts.FieldMessage));
            RuleFor(c => c.PrivacyConsent).Equal(true).WithMessage(_ => Texts.ConsentRequired);
        }

        private static bool BeKatakanaWhenGiven(string? value) =>
            string.IsNullOrWhiteSpace(value) || JapaneseText.IsFullWidthKatakana(JapaneseText.ToFullWidthKatakana(value));
    }

    /// <summary>
    /// Everything that only reads (the per-address limit, the related portal policies) runs here, in parallel with
    /// other requests; the write goes to the <see cref="IntakeWriter"/>, which commits the intakes waiting together.
    /// </summary>
    public sealed class Handler(
        ConsultDeskDbContext db,
        IntakeWriter writer,
        Info.FindMatchingPolicies.RecentMatches relatedPolicies,
        TimeProvider clock,
        IOptions<ConsultDeskOptions> options,
        ILogger<Handler> logger) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var inquiry = ToInquiry(command, now);
            await EnforcePerAddressLimitAsync(inquiry.Email, now, cancellationToken);
            // The portal items the acknowledgement lists: one read, before the write, so the lookup never holds the writer.
            var english = inquiry.Language == InquiryLanguage.En;
            var policies = (await relatedPolicies.FindAsync(db, inquiry.Topics, Wire.Name(inquiry.InquirerType),
                    AcknowledgementMail.MaxPolicies, cancellationToken))
                .Select(m => new AcknowledgementMail.RelatedPolicy(m.TitleIn(english), m.Path)).ToList();

            var @case = await writer.WriteAsync(new IntakeWriter.Intake(inquiry, command.Source, now, policies), cancellationToken);
            logger.LogInformation("Case {CaseId} {Reference} submitted via {Source}", @case.Id, @case.Reference, command.Source);
            return new Response(@case.Reference, @case.Status, now);
        }

        private async Task EnforcePerAddressLimitAsync(string email, DateTime now, CancellationToken cancellationToken)
        {
            var limit = options.Value.RateLimiting.Intake.PerEmailPerDay;
            // a+1@ and a+2@ (and Gmail's dotted spellings) are one mailbox: they share one limit.
            var key = EmailAddress.LimitKey(email);
            var since = now.AddDays(-1);
            var recent = await db.Cases.AsNoTracking()
                .Where(c => c.EmailKey == key && c.SubmittedAt > since)
                .OrderBy(c => c.SubmittedAt)
                .Select(c => c.SubmittedAt)
                .Take(limit)
                .ToListAsync(cancellationToken);
            if (recent.Count >= limit) throw new TooManyRequestsException(recent[0].AddDays(1) - now);
        }

        private static Inquiry ToInquiry(Command c, DateTime now)
        {
            var contact = c.Contact!;
            var organization = c.Organization;
            return new Inquiry
            {
                InquirerType = c.InquirerType!.Value,
                OrganizationName = Clean(organization?.Name),
                OrganizationNameKana = Clean(organization?.NameKana) is { } kana ? JapaneseText.ToFullWidthKatakana(kana) : null,
                Department = Clean(organization?.Department),
                LocalGovernmentCode = Clean(organization?.LocalGovernmentCode),
                Industry = Clean(organization?.Industry),
                Employees = organization?.Employees,
                FamilyName = contact.FamilyName!.Trim(),
                GivenName = contact.GivenName!.Trim(),
                FamilyNameKana = Clean(contact.FamilyNameKana) is { } familyKana ? JapaneseText.ToFullWidthKatakana(familyKana) : "",
                GivenNameKana = Clean(contact.GivenNameKana) is { } givenKana ? JapaneseText.ToFullWidthKatakana(givenKana) : "",
                Email = contact.Email!.Trim(),
                Phone = Clean(contact.Phone) is { } phone ? JapaneseText.NormalizePhone(phone) : null,
                Title = Clean(contact.Title),
                PrefectureCode = c.PrefectureCode!,
                PostalCode = FormInput.PostalCodeDigits(c.Address?.PostalCode),
                AddressMunicipality = Clean(c.Address?.Municipality),
                AddressStreet = Clean(c.Address?.Street),
                AddressBuilding = Clean(c.Address?.Building),
                Topics = c.Topics!.Distinct(StringComparer.Ordinal).ToList(),
                PreferredChannel = c.PreferredChannel!.Value,
                PreferredSlots = (c.PreferredSlots ?? []).Select(s => new TimeSlot(s.StartsAt!.Value.UtcDateTime, s.EndsAt!.Value.UtcDateTime)).ToList(),
                Language = c.Language ?? InquiryLanguage.Ja,
                Subject = c.Subject!.Trim(),
                Message = c.Message!.Trim(),
                PrivacyConsentAt = now,
            };
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static void MapEndpoint(IEndpointRouteBuilder app) =>
        app.MapPost("/inquiries", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
            {
                var command = await JsonRequest.ReadAsync<Command>(http, JsonRequest.DefaultMaxBytes, cancellationToken);
                var response = await sender.Send(command.Normalized() with { Source = IntakeSource.Api }, cancellationToken);
                return TypedResults.Created($"/api/v1/cases/{response.Reference}", response);
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicIntake)
            .Accepts<Command>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(SubmitInquiry))
            .WithSummary("Submit an inquiry")
            .WithDescription("Public intake for municipalities, companies and workers. Stores the case and queues its acknowledgement mail in one transaction.")
            .WithTags("Inquiries");
}
