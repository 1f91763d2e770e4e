"""The rule registry: every lint rule, in id order (the against area appends TS7xx and TS8xx)."""

from __future__ import annotations

from tagscan.lint.rule import Rule
from tagscan.rules.ts001_go_syntax_error import GoSyntaxError
from tagscan.rules.ts002_unreadable_source import UnreadableSource
from tagscan.rules.ts003_rule_crashed import RuleCrashed
from tagscan.rules.ts004_unresolved_type import UnresolvedType
from tagscan.rules.ts005_suppression_without_reason import SuppressionWithoutReason
from tagscan.rules.ts006_unused_suppression import UnusedSuppression
from tagscan.rules.ts007_not_a_model import NotAModel
from tagscan.rules.ts101_malformed_struct_tag import MalformedStructTag
from tagscan.rules.ts102_repeated_tag_key import RepeatedTagKey
from tagscan.rules.ts103_ignored_tag_key import IgnoredTagKey
from tagscan.rules.ts201_missing_primary_key import MissingPrimaryKey
from tagscan.rules.ts202_duplicate_partition_key import DuplicatePartitionKey
from tagscan.rules.ts203_duplicate_sort_key import DuplicateSortKey
from tagscan.rules.ts204_index_missing_partition_key import IndexMissingPartitionKey
from tagscan.rules.ts205_duplicate_index_key import DuplicateIndexKey
from tagscan.rules.ts206_unknown_tag import UnknownTag
from tagscan.rules.ts207_unknown_lsi_modifier import UnknownLsiModifier
from tagscan.rules.ts208_invalid_ttl_type import InvalidTtlType
from tagscan.rules.ts209_invalid_version_type import InvalidVersionType
from tagscan.rules.ts210_set_on_non_slice import SetOnNonSlice
from tagscan.rules.ts211_invalid_lifecycle_type import InvalidLifecycleType
from tagscan.rules.ts212_encrypted_key import EncryptedKey
from tagscan.rules.ts213_attribute_name_convention import AttributeNameConvention
from tagscan.rules.ts214_refused_model import RefusedModel
from tagscan.rules.ts215_duplicate_attribute_rejected import DuplicateAttributeRejected
from tagscan.rules.ts216_embedded_name_repeated import EmbeddedNameRepeated
from tagscan.rules.ts217_invalid_write_policy import InvalidWritePolicy
from tagscan.rules.ts301_duplicate_attribute_name import DuplicateAttributeName
from tagscan.rules.ts302_repeated_special_field import RepeatedSpecialField
from tagscan.rules.ts303_key_bound_to_index import KeyBoundToIndex
from tagscan.rules.ts304_lsi_prefix_inference import LsiPrefixInference
from tagscan.rules.ts305_index_named_twice import IndexNamedTwice
from tagscan.rules.ts306_unknown_directive import UnknownDirective
from tagscan.rules.ts307_no_op_directive import NoOpDirective
from tagscan.rules.ts308_unencodable_key_type import UnencodableKeyType
from tagscan.rules.ts309_key_type_drift import KeyTypeDrift
from tagscan.rules.ts310_ignored_embed import IgnoredEmbed
from tagscan.rules.ts401_too_many_gsis import TooManyGsis
from tagscan.rules.ts402_too_many_lsis import TooManyLsis
from tagscan.rules.ts403_lsi_without_sort_key import LsiWithoutSortKey
from tagscan.rules.ts404_invalid_resource_name import InvalidResourceName
from tagscan.rules.ts405_attribute_name_too_long import AttributeNameTooLong
from tagscan.rules.ts406_too_many_tables_for_one_stack import TooManyTablesForOneStack
from tagscan.rules.ts501_shared_table_key_conflict import SharedTableKeyConflict
from tagscan.rules.ts502_shared_index_conflict import SharedIndexConflict
from tagscan.rules.ts503_attribute_type_conflict import AttributeTypeConflict
from tagscan.rules.ts601_unresolved_table_name import UnresolvedTableName
from tagscan.rules.ts602_env_fallback_pluralised import EnvFallbackPluralised
from tagscan.rules.ts603_env_var_convention import EnvVarConvention
from tagscan.rules.ts701_model_without_table import ModelWithoutTable
from tagscan.rules.ts702_unused_dynamorm_table import UnusedDynamormTable
from tagscan.rules.ts703_key_mismatch import KeyMismatch
from tagscan.rules.ts704_index_missing import IndexMissing
from tagscan.rules.ts705_index_mismatch import IndexMismatch
from tagscan.rules.ts706_ttl_mismatch import TtlMismatch
from tagscan.rules.ts707_index_projection_not_all import IndexProjectionNotAll
from tagscan.rules.ts708_unused_table import UnusedTable
from tagscan.rules.ts709_env_var_bound_to_several_tables import EnvVarBoundToSeveralTables
from tagscan.rules.ts710_env_var_set_by_no_function import EnvVarSetByNoFunction
from tagscan.rules.ts711_index_projection_mismatch import IndexProjectionMismatch
from tagscan.rules.ts801_too_many_gsi_changes import TooManyGsiChanges
from tagscan.rules.ts802_table_replacement import TableReplacement
from tagscan.rules.ts803_gsi_changed_in_place import GsiChangedInPlace
from tagscan.rules.ts804_ttl_rename import TtlRename
from tagscan.rules.ts805_resource_identity_change import ResourceIdentityChange

ALL_RULES: tuple[type[Rule], ...] = (
    GoSyntaxError,
    UnreadableSource,
    RuleCrashed,
    UnresolvedType,
    SuppressionWithoutReason,
    UnusedSuppression,
    NotAModel,
    MalformedStructTag,
    RepeatedTagKey,
    IgnoredTagKey,
    MissingPrimaryKey,
    DuplicatePartitionKey,
    DuplicateSortKey,
    IndexMissingPartitionKey,
    DuplicateIndexKey,
    UnknownTag,
    UnknownLsiModifier,
    InvalidTtlType,
    InvalidVersionType,
    SetOnNonSlice,
    InvalidLifecycleType,
    EncryptedKey,
    AttributeNameConvention,
    RefusedModel,
    DuplicateAttributeRejected,
    EmbeddedNameRepeated,
    InvalidWritePolicy,
    DuplicateAttributeName,
    RepeatedSpecialField,
    KeyBoundToIndex,
    LsiPrefixInference,
    IndexNamedTwice,
    UnknownDirective,
    NoOpDirective,
    UnencodableKeyType,
    KeyTypeDrift,
    IgnoredEmbed,
    TooManyGsis,
    TooManyLsis,
    LsiWithoutSortKey,
    InvalidResourceName,
    AttributeNameTooLong,
    TooManyTablesForOneStack,
    SharedTableKeyConflict,
    SharedIndexConflict,
    AttributeTypeConflict,
    UnresolvedTableName,
    EnvFallbackPluralised,
    EnvVarConvention,
    ModelWithoutTable,
    UnusedDynamormTable,
    KeyMismatch,
    IndexMissing,
    IndexMismatch,
    TtlMismatch,
    IndexProjectionNotAll,
    UnusedTable,
    EnvVarBoundToSeveralTables,
    EnvVarSetByNoFunction,
    IndexProjectionMismatch,
    TooManyGsiChanges,
    TableReplacement,
    GsiChangedInPlace,
    TtlRename,
    ResourceIdentityChange,
)
