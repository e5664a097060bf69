// SurveyJS's Dutch strings ship without types; imported only for their side effect.
declare module 'survey-core/i18n/dutch'
