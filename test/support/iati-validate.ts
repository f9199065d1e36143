export { validateIatiActivities } from '../../src/core/imports/iati.schema';
