package content

// Kind is the stable id of a kind of problem. Ids never change meaning
// once published: check's JSON output, workflow annotations and site.yaml's
// accept rules name them.
type Kind string

// Kinds of errors: a build stops on them.
const (
	KindYAML            Kind = "invalid-yaml"
	KindFrontMatter     Kind = "front-matter"
	KindSiteStructure   Kind = "site-structure"
	KindDuplicateKey    Kind = "duplicate-key"
	KindRequired        Kind = "required"
	KindFieldType       Kind = "field-type"
	KindFieldValue      Kind = "field-value"
	KindUnsafeSlug      Kind = "unsafe-slug"
	KindDuplicateSlug   Kind = "duplicate-slug"
	KindDuplicateName   Kind = "duplicate-name"
	KindMissingLogo     Kind = "missing-logo"
	KindLogoPath        Kind = "logo-path"
	KindURL             Kind = "bad-url"
	KindHandle          Kind = "bad-handle"
	KindToken           Kind = "bad-token"
	KindEmptyTag        Kind = "empty-tag"
	KindColor           Kind = "bad-color"
	KindID              Kind = "bad-id"
	KindDuplicateID     Kind = "duplicate-id"
	KindUnknownLayer    Kind = "unknown-layer"
	KindUnknownSection  Kind = "unknown-section"
	KindDuplicatePlace  Kind = "duplicate-place"
	KindStaticLink      Kind = "static-link"
	KindStaticClash     Kind = "static-clash"
	KindBrokenLink      Kind = "broken-link"
	KindMarkdown        Kind = "markdown"
	KindTemplate        Kind = "template"
	KindFieldDefinition Kind = "field-definition"
	KindAcceptRule      Kind = "accept-rule"
	KindSummaryLines    Kind = "summary-lines"
	KindLogoType        Kind = "logo-type"
	KindFileType        Kind = "file-type"
	KindRemoteImage     Kind = "remote-image"
	KindEdition         Kind = "edition" // an edition file that cannot be read as it stands
	KindTranslation     Kind = "translation"
)

// Kinds of warnings: a build goes on, check fails unless site.yaml
// accepts them.
const (
	KindUnknownKey       Kind = "unknown-key"
	KindLongSummary      Kind = "long-summary"
	KindMissingSummary   Kind = "missing-summary"
	KindDuplicateWebsite Kind = "duplicate-website"
	KindEmptySection     Kind = "empty-section"
	KindSchema           Kind = "schema"
	KindSchemaCopy       Kind = "schema-copy"
	KindIssueForm        Kind = "issue-form" // the committed issue form lags site.yaml
	KindStaleTranslation Kind = "translation-stale"
	KindUnusedAccept     Kind = "unused-accept"
	KindLargeLogo        Kind = "large-logo"
	KindStaleFacts       Kind = "stale-facts"
	KindDuplicateTag     Kind = "duplicate-tag"
	KindFileName         Kind = "file-name"
	KindNameChars        Kind = "name-characters"
	KindActiveStatic     Kind = "active-static"  // a static file a browser would run as a page of the site
	KindGitHubStale      Kind = "github-stale"   // the repository snapshot is older than site.yaml's github.max_age
	KindGitHubMoved      Kind = "github-moved"   // a repository a project names was renamed
	KindGitHubMissing    Kind = "github-missing" // a repository a project names is gone or empty
)

// warningKinds lists the kinds a site may accept, for accept rules and
// their suggestions.
var warningKinds = []string{
	string(KindUnknownKey), string(KindLongSummary), string(KindMissingSummary),
	string(KindDuplicateWebsite), string(KindEmptySection), string(KindSchema),
	string(KindSchemaCopy), string(KindIssueForm), string(KindStaleTranslation), string(KindUnusedAccept), string(KindLargeLogo), string(KindStaleFacts), string(KindDuplicateTag), string(KindFileName), string(KindNameChars), string(KindActiveStatic),
	string(KindGitHubStale), string(KindGitHubMoved), string(KindGitHubMissing),
}
